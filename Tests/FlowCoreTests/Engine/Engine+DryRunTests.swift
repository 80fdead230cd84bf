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
            step("plain", "count", [("value", value("size ${{ steps.make.outputs.size }}"))]),
        ])
        let (outcome, recorder) = await execute(flow, actions: [change, counter], options: EngineOptions(dryRun: true))
        #expect(outcome.status == .succeeded)
        #expect(change.count == 0)
        #expect(outcome.step("make")?.outputs == ["id": "<dry-run:id>", "size": 0, "done": false, "tags": []])
        // A read-only step fed by a placeholder is not called (a real call would only fail on it) …
        #expect(counter.count("read") == 0)
        #expect(outcome.step("read")?.status == .succeeded)
        // … one fed by real values is.
        #expect(counter.count("plain") == 1)
        #expect(outcome.step("plain")?.outputs["value"] == "size 0")
        #expect(
            await recorder.lines("output").map { $0["message"] } == [
                #"dry run: would run change with {"target":"wiki"}"#,
                "dry run: not called, its inputs come from a step the plan did not run",
            ])
    }
}

/// A changing action that says itself what it would send.
struct DescribedChange: DescribesRequest {
    var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "described", summary: "Changes, describably.",
            inputs: [InputSpec("name", .string, description: "Name.")],
            outputs: [OutputSpec("job_id", .string, description: "Job.")], changesState: true)
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        throw ActionFailure("must not run under --dry-run")
    }

    func plan(_ input: JSON) -> String {
        "POST /1/api/sync/createconnector/v1 connector=\(input["name"]?.interpolated ?? "")"
    }

    func placeholderOutputs(for input: JSON) -> JSON { ["job_id": "planned-job"] }
}

@Suite("Engine: dry run with described requests")
struct EngineDescribedDryRunTests {
    @Test func describedActionsPrintTheirRequestAndUseTheirPlaceholders() async {
        let flow = workflow([
            step("make", "described", [("name", value("v2-${{ secrets.KEY }}"))]),
            step("show", "log", [("message", value("job ${{ steps.make.outputs.job_id }}"))]),
        ])
        let (outcome, recorder) = await execute(
            flow, actions: [DescribedChange()], options: EngineOptions(dryRun: true, secrets: ["KEY": "wiki-key"]))
        #expect(outcome.status == .succeeded)
        #expect(
            await recorder.lines("output").map { $0["message"] } == [
                "dry run: POST /1/api/sync/createconnector/v1 connector=v2-****", "job planned-job",
            ])
    }
}
