import FlowCore
import JSONValue
import Testing

@Suite("Engine: dry run")
struct EngineDryRunTests {
    @Test func changingActionsAreNotCalledAndGivePlaceholders() async {
        let change = ChangeAction()
        let counter = CountingAction()
        let flow = workflow([
            step("make", "change", [("target", .literal("wiki"))]),
            step("read", "count", [("value", value("${{ steps.make.outputs.id }} ${{ steps.make.outputs.size }}"))]),
        ])
        let (outcome, recorder) = await execute(flow, actions: [change, counter], options: EngineOptions(dryRun: true))
        #expect(outcome.status == .succeeded)
        #expect(change.count == 0)
        #expect(counter.count("read") == 1)
        #expect(outcome.step("make")?.outputs == ["id": "<dry-run:id>", "size": 0, "done": false, "tags": []])
        #expect(outcome.step("read")?.outputs["value"] == "<dry-run:id> 0")
        #expect(await recorder.lines("output").map { $0["message"] } == [#"dry run: would run change with {"target":"wiki"}"#])
    }
}
