import FlowCore
import Testing

@Suite("Plan summary")
struct PlanSummaryTests {
    @Test func groupsByTypeAndKindThenListsEachResource() {
        let changes = [
            PlannedChange(.create, "index", "migrated"),
            PlannedChange(.create, "connector", "v2-wiki"), PlannedChange(.create, "connector", "v2-docs"),
            PlannedChange(.start, "connector", "v2-wiki"), PlannedChange(.delete, "connector", "wiki"),
            PlannedChange(.unknown, "addtotextindex", nil), PlannedChange(.delete, "connector", nil),
        ]
        #expect(
            PlanSummary.render(changes) == [
                "Plan: 1 index to create; 2 connectors to create, 1 to start, 1 to delete; 2 unknown",
                "  create index     migrated",
                "  create connector v2-wiki, v2-docs",
                "  start  connector v2-wiki",
                "  delete connector wiki",
                "  call addtotextindex: a name known only after the run",
                "  delete connector: a name known only after the run",
            ])
    }

    @Test func aPlanWithoutChangesSaysSo() {
        #expect(PlanSummary.render([]) == ["Plan: no changes"])
    }
}
