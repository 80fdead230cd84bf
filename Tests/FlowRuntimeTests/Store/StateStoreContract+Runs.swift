import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Testing

@Suite("State store contract: recording runs")
struct StateStoreRunsContract {
    let flow: Workflow

    init() throws {
        flow = try testWorkflow("""
            inputs: { who: { type: string } }
            steps:
              - id: hello
                log: { message: "hello ${{ inputs.who }}" }
              - id: each
                for_each: [0, 1, 2, 3]
                gate: { value: "${{ item }}" }
              - id: after
                log: { message: "${{ steps.each.outputs[1].doubled }}" }
            """)
    }

    @Test(arguments: StoreBackend.all)
    func aRunIsRecordedWithItsStepsAndElements(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        let outcome = try await recordedRun(flow, store: store, actions: [GateAction(failing: [])], runID: "run-1")
        #expect(outcome.status == .succeeded)

        let run = try await store.run("run-1")
        #expect(run.summary.status == .succeeded)
        #expect(run.summary.workflow == "test")
        // SHA-256 of the file's bytes ("v1").
        #expect(run.summary.fileHash == "3bfc269594ef649228e9a74bab00f042efc91d5acc6fbee31a382e80d42388fe")
        #expect(run.summary.pid == getpid())
        #expect(run.summary.host == ProcessIdentity.current.host)
        #expect(run.summary.finishedAt != nil)
        #expect(run.inputs == ["who": "ops"])
        #expect(run.stepKeys == ["hello", "each", "after"])
        #expect(run.steps.map(\.key) == ["hello", "each", "after"])
        #expect(run.steps.map(\.status) == ["succeeded", "succeeded", "succeeded"])
        #expect(run.steps[1].elements == ["succeeded": 4])
        #expect(run.steps[1].attempts == 4)
        #expect(run.steps[1].outputs[1]?["doubled"] == 2)
        #expect(try await store.runs().map(\.id) == ["run-1"])
        #expect(store.recordingErrors.isEmpty)
    }

    @Test(arguments: StoreBackend.all)
    func failedElementsAreRecordedWithTheirErrors(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        let outcome = try await recordedRun(flow, store: store, actions: [GateAction(failing: [1, 3])], runID: "run-2")
        #expect(outcome.status == .failed)
        let run = try await store.run("run-2")
        #expect(run.summary.status == .failed)
        #expect(run.steps.map(\.status) == ["succeeded", "failed", "skipped"])
        #expect(run.steps[1].elements == ["succeeded": 2, "failed": 2])
        #expect(run.steps[1].elementErrors.map(\.index) == [1, 3])
        #expect(run.steps[1].elementErrors.first?.error["message"] == "value 1 is closed")
        // A for_each step's outputs are read back from its elements: the engine's, with null for failures.
        #expect(run.steps[1].outputs == outcome.step("each")?.outputs)
        #expect(run.steps[1].outputs == [["value": 0, "doubled": 0], .null, ["value": 2, "doubled": 4], .null])
        #expect(run.steps[2].reason == "earlier_failure")
    }

    /// Elements that did not run (here: filtered out by `where`) are recorded without the engine waiting
    /// for their commit, and are stored when the run's end is.
    @Test(arguments: StoreBackend.all)
    func filteredElementsAreRecordedWithTheNextCommit(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        let flow = try testWorkflow("""
            steps:
              - id: each
                for_each: \(numbers(200))
                where: ${{ item % 10 == 0 }}
                concurrency: 8
                gate: { value: "${{ item }}" }
            """)
        let outcome = try await recordedRun(flow, store: store, actions: [GateAction(failing: [])], runID: "w")
        #expect(outcome.status == .succeeded)
        let elements = try await store.elements(runID: "w", step: "each")
        #expect(elements.map(\.index) == Array(0..<200))
        #expect(elements.filter { $0.status == "succeeded" }.map(\.index) == Array(stride(from: 0, to: 200, by: 10)))
        #expect(try await store.run("w").steps[0].elements == ["succeeded": 20, "skipped": 180])
        #expect(store.recordingErrors == [])
    }

    @Test(arguments: StoreBackend.all)
    func runsAreListedNewestFirstAndFilteredByWorkflow(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        for (index, name) in ["a", "b", "a"].enumerated() {
            try await store.register(registration("r\(index)", workflow: name), at: Date(timeIntervalSince1970: Double(1000 + index)))
        }
        #expect(try await store.runs().map(\.id) == ["r2", "r1", "r0"])
        #expect(try await store.runs(workflow: "a", limit: nil).map(\.id) == ["r2", "r0"])
        #expect(try await store.runs(workflow: nil, limit: 1).map(\.id) == ["r2"])
        #expect(try await store.runs().first?.startedAt == Date(timeIntervalSince1970: 1002))
    }

    @Test(arguments: StoreBackend.all)
    func anUnknownRunIsASentence(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        let error = await #expect(throws: StateStoreError.self) { try await store.run("nope") }
        #expect(error?.isUnknownRun == true)
        #expect(error?.description == "there is no run nope in the state database (`havenflow runs` lists the runs)")
    }

    @Test(arguments: StoreBackend.all)
    func runsOfDeadProcessesAreMarkedInterruptedWhenTheStoreOpens(_ backend: StoreBackend) async throws {
        let location = try await backend.makeLocation()
        let first = try await backend.open(location, as: .local(pid: deadPID))
        try await first.register(registration("gone"))
        _ = try await first.acquireLock(workflow: "w", runID: "gone", lease: .seconds(30))
        let remote = try await backend.open(location, as: ProcessIdentity(pid: deadPID, host: "another-host"))
        try await remote.register(registration("remote", workflow: "v"))
        _ = try await remote.acquireLock(workflow: "v", runID: "remote", lease: .seconds(30))

        let reopened = try await backend.open(location)
        #expect(try await reopened.run("gone").summary.status == .interrupted)
        #expect(try await reopened.lockHolder(workflow: "w") == nil)
        #expect(try await reopened.run("remote").summary.status == .running)
        #expect(try await reopened.lockHolder(workflow: "v")?.runID == "remote")
    }
}
