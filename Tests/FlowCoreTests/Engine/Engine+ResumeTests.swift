import FlowCore
import JSONValue
import Testing

@Suite("Engine: resume")
struct EngineResumeTests {
    @Test func succeededStepsAreNotRunAgainAndTheirOutputsAreReused() async {
        let counter = CountingAction()
        let flow = workflow([
            step("a", "count", [("value", .literal("first"))]),
            step("b", "count", [("value", value("${{ steps.a.outputs.value }}"))]),
        ])
        let resume = ResumeState(succeededSteps: ["a": ["count": 7, "value": "recorded"]])
        let (outcome, recorder) = await execute(flow, actions: [counter], resume: resume)
        #expect(outcome.status == .succeeded)
        #expect(counter.count("a") == 0)
        #expect(counter.count("b") == 1)
        #expect(outcome.step("a")?.resumed == true)
        #expect(outcome.step("b")?.outputs["value"] == "recorded")
        #expect(
            await recorder.trace == [
                "run_started", "step_finished:a", "step_started:b", "step_finished:b", "run_finished",
            ])
        #expect(await recorder.lines("step_finished").first?["resumed"] == true)
    }

    @Test func onlyTheElementsThatDidNotSucceedRunAgain() async {
        let counter = CountingAction()
        let flow = workflow([
            step(
                "each", "count", [("value", value("${{ item }}"))],
                forEach: ForEach(items: .literal(["w", "x", "y", "z"])))
        ])
        let resume = ResumeState(succeededElements: ["each": [0: ["value": "old-w"], 2: ["value": "old-y"]]])
        let (outcome, recorder) = await execute(flow, actions: [counter], resume: resume)
        #expect(outcome.status == .succeeded)
        #expect(counter.count("each") == 2)
        let outputs = outcome.step("each")?.outputs.arrayValue ?? []
        #expect(outputs.map { $0["value"] } == ["old-w", "x", "old-y", "z"])
        #expect(outcome.step("each")?.elements?.map(\.resumed) == [true, false, true, false])
        let resumed = await recorder.lines("item_finished").filter { $0["resumed"] == true }.compactMap {
            $0["index"]?.intValue
        }
        #expect(resumed.sorted() == [0, 2])
    }

    @Test func aResumedForEachStepKeepsItsResults() async {
        let flow = workflow([
            step("each", "count", forEach: ForEach(items: .literal(["p", "q"]))),
            step("after", "log", [("message", value("${{ toJSON(steps.each.results.*.item) }}"))]),
        ])
        let resume = ResumeState(succeededSteps: ["each": [["count": 1], ["count": 2]]])
        let (_, recorder) = await execute(flow, actions: [CountingAction()], resume: resume)
        #expect(await recorder.lines("output").map { $0["message"] } == ["[\"p\",\"q\"]"])
    }
}
