import FlowCore
import Foundation
import JSONValue
import Testing

@Suite("State store: resume")
struct StateStoreResumeTests {
    let flow = workflow([
        step("first", "gate", [("value", .literal(100))]),
        step("each", "gate", [("value", value("${{ item }}"))], forEach: ForEach(items: .literal([0, 1, 2, 3]))),
        step("last", "gate", [("value", value("${{ steps.each.outputs[3].doubled }}"))]),
    ])

    @Test func aResumedRunSkipsWhatSucceededAndReusesItsOutputs() async throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        let gate = GateAction(failing: [2])
        #expect(try await recordedRun(flow, store: store, actions: [gate], runID: "r").status == .failed)
        #expect(gate.called.sorted() == [0, 1, 2, 3, 100])

        let state = try store.resumeState(runID: "r")
        #expect(state.succeededSteps == ["first": ["value": 100, "doubled": 200]])
        #expect(state.succeededElements["each"]?.keys.sorted() == [0, 1, 3])

        gate.failing.withLock { $0 = [] }
        try store.prepareResume(RunRegistration(id: "r", workflow: flow, contents: Array("v1".utf8)), rerun: [])
        let outcome = try await recordedRun(flow, store: store, actions: [gate], runID: "r", resume: state, register: false)
        #expect(outcome.status == .succeeded)
        #expect(gate.called.sorted() == [0, 1, 2, 2, 3, 6, 100])
        let run = try store.run("r")
        #expect(run.summary.status == .succeeded)
        #expect(run.summary.resumes == 1)
        #expect(run.steps.map(\.status) == ["succeeded", "succeeded", "succeeded"])
        #expect(run.steps[1].elements == ["succeeded": 4])
        #expect(run.steps[2].outputs["value"] == 6)
        // The element that failed first and succeeded on resume reads back as its latest record.
        let elements = try store.elements(runID: "r", step: "each")
        #expect(elements.map(\.status) == ["succeeded", "succeeded", "succeeded", "succeeded"])
        #expect(elements[2].outputs == ["value": 2, "doubled": 4])
        #expect(elements[2].error == nil)
        #expect(run.steps[1].outputs == outcome.step("each")?.outputs)
        #expect(try store.resumeState(runID: "r").succeededSteps["each"]?[3] == ["value": 3, "doubled": 6])
    }

    @Test func rerunStepsAndTheirElementsAreLeftOut() async throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        let gate = GateAction(failing: [6])
        #expect(try await recordedRun(flow, store: store, actions: [gate], runID: "r").status == .failed)
        let state = try store.resumeState(runID: "r", rerun: ["each", "last"])
        #expect(Set(state.succeededSteps.keys) == ["first"])
        #expect(state.succeededElements.isEmpty)

        try store.prepareResume(
            RunRegistration(id: "r", workflow: flow, contents: Array("v1".utf8)), rerun: ["each", "last"])
        #expect(try store.run("r").steps.map(\.key) == ["first"])
        #expect(try store.run("r").summary.status == .running)
    }

    @Test(arguments: [
        (["a", "b", "c"], ["a", "b", "c", "d"], [String]()),
        (["a", "b", "c"], ["a", "b"], [String]()),
        (["a", "b", "c"], ["a", "c"], ["step 'b' (step 2) is no longer in the file"]),
        (["a", "b", "c"], ["x", "a", "b", "c"], ["step 'a' moved from step 1 to step 2", "step 'b' moved from step 2 to step 3"]),
        (["a", "b", "c"], ["b", "a"], ["step 'a' moved from step 1 to step 2", "step 'b' moved from step 2 to step 1"]),
    ])
    func changedFilesAreCheckedAgainstTheStepsThatStarted(recorded: [String], current: [String], problems: [String]) {
        #expect(ResumeCompatibility.problems(recorded: recorded, started: ["a", "b"], current: current) == problems)
    }
}
