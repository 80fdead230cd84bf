import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Testing

@Suite("State store contract: resume")
struct StateStoreResumeContract {
    let flow: Workflow

    init() throws {
        flow = try testWorkflow("""
            steps:
              - id: first
                gate: { value: 100 }
              - id: each
                for_each: [0, 1, 2, 3]
                gate: { value: "${{ item }}" }
              - id: last
                gate: { value: "${{ steps.each.outputs[3].doubled }}" }
            """)
    }

    @Test(arguments: StoreBackend.all)
    func aResumedRunSkipsWhatSucceededAndReusesItsOutputs(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        let gate = GateAction(failing: [2])
        #expect(try await recordedRun(flow, store: store, actions: [gate], runID: "r").status == .failed)
        #expect(gate.called.sorted() == [0, 1, 2, 3, 100])

        let state = try await store.resumeState(runID: "r")
        #expect(state.succeededSteps == ["first": ["value": 100, "doubled": 200]])
        #expect(state.succeededElements["each"]?.keys.sorted() == [0, 1, 3])

        gate.failing.withLock { $0 = [] }
        try await store.prepareResume(RunRegistration(id: "r", workflow: flow, contents: Array("v1".utf8)), rerun: [])
        let outcome = try await recordedRun(flow, store: store, actions: [gate], runID: "r", resume: state, register: false)
        #expect(outcome.status == .succeeded)
        #expect(gate.called.sorted() == [0, 1, 2, 2, 3, 6, 100])
        let run = try await store.run("r")
        #expect(run.summary.status == .succeeded)
        #expect(run.summary.resumes == 1)
        #expect(run.steps.map(\.status) == ["succeeded", "succeeded", "succeeded"])
        #expect(run.steps[1].elements == ["succeeded": 4])
        #expect(run.steps[2].outputs["value"] == 6)
        // The element that failed first and succeeded on resume reads back as its latest record.
        let elements = try await store.elements(runID: "r", step: "each")
        #expect(elements.map(\.status) == ["succeeded", "succeeded", "succeeded", "succeeded"])
        #expect(elements[2].outputs == ["value": 2, "doubled": 4])
        #expect(elements[2].error == nil)
        #expect(run.steps[1].outputs == outcome.step("each")?.outputs)
        #expect(try await store.resumeState(runID: "r").succeededSteps["each"]?[3] == ["value": 3, "doubled": 6])
    }

    /// `resume --from`: the steps run again, and their elements, are left out and forgotten.
    @Test(arguments: StoreBackend.all)
    func rerunStepsAndTheirElementsAreLeftOut(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        let gate = GateAction(failing: [6])
        #expect(try await recordedRun(flow, store: store, actions: [gate], runID: "r").status == .failed)
        let state = try await store.resumeState(runID: "r", rerun: ["each", "last"])
        #expect(Set(state.succeededSteps.keys) == ["first"])
        #expect(state.succeededElements.isEmpty)

        try await store.prepareResume(
            RunRegistration(id: "r", workflow: flow, contents: Array("v2".utf8)), rerun: ["each", "last"])
        let run = try await store.run("r")
        #expect(run.steps.map(\.key) == ["first"])
        #expect(run.summary.status == .running)
        #expect(run.summary.resumes == 1)
        // The file as it is now (SHA-256 of "v2").
        #expect(run.summary.fileHash == "fb04dcb6970e4c3d1873de51fd5a50d7bb46b3383113602665c350ec40b5f990")
        #expect(try await store.elements(runID: "r", step: "each").isEmpty)
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
