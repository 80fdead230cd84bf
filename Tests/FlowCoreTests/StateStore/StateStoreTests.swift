import FlowCore
import Foundation
import JSONValue
import Testing

@Suite("State store: recording runs")
struct StateStoreTests {
    let flow = workflow([
        step("hello", "log", [("message", value("hello ${{ inputs.who }}"))]),
        step("each", "gate", [("value", value("${{ item }}"))], forEach: ForEach(items: .literal([0, 1, 2, 3]))),
        step("after", "log", [("message", value("${{ steps.each.outputs[1].doubled }}"))]),
    ])

    @Test func aRunIsRecordedWithItsStepsAndElements() async throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        let outcome = try await recordedRun(flow, store: store, actions: [GateAction(failing: [])], runID: "run-1")
        #expect(outcome.status == .succeeded)

        let run = try store.run("run-1")
        #expect(run.summary.status == .succeeded)
        #expect(run.summary.workflow == "test")
        #expect(run.summary.fileHash == SHA256.hex(Array("v1".utf8)))
        #expect(run.summary.pid == getpid())
        #expect(run.summary.finishedAt != nil)
        #expect(run.inputs == ["who": "ops"])
        #expect(run.stepKeys == ["hello", "each", "after"])
        #expect(run.steps.map(\.key) == ["hello", "each", "after"])
        #expect(run.steps.map(\.status) == ["succeeded", "succeeded", "succeeded"])
        #expect(run.steps[1].elements == ["succeeded": 4])
        #expect(run.steps[1].attempts == 4)
        #expect(run.steps[1].outputs[1]?["doubled"] == 2)
        #expect(try store.runs().map(\.id) == ["run-1"])
        #expect(store.recordingErrors.isEmpty)
    }

    @Test func failedElementsAreRecordedWithTheirErrors() async throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        let outcome = try await recordedRun(flow, store: store, actions: [GateAction(failing: [1, 3])], runID: "run-2")
        #expect(outcome.status == .failed)
        let run = try store.run("run-2")
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
    /// for their commit, and are on disk when the run's end is.
    @Test func filteredElementsAreRecordedWithTheNextCommit() async throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        let items = ForEach(
            items: .literal(.array((0..<200).map { .number(Double($0)) })), filter: expr("item % 10 == 0"), concurrency: 8)
        let flow = workflow([step("each", "gate", [("value", value("${{ item }}"))], forEach: items)])
        let outcome = try await recordedRun(flow, store: store, actions: [GateAction(failing: [])], runID: "w")
        #expect(outcome.status == .succeeded)
        let elements = try store.elements(runID: "w", step: "each")
        #expect(elements.map(\.index) == Array(0..<200))
        #expect(elements.filter { $0.status == "succeeded" }.map(\.index) == Array(stride(from: 0, to: 200, by: 10)))
        #expect(try store.run("w").steps[0].elements == ["succeeded": 20, "skipped": 180])
        #expect(store.recordingErrors == [])
    }

    /// An element record nobody waits for, in a transaction that fails, is reported all the same.
    @Test func aFailedCommitNobodyWaitedForIsReported() async throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        let item = RunEvent.ItemResult(step: "each", index: 0, status: .skipped, reason: .filtered)
        store.recordSynchronously(RunEvent(runID: "unknown", kind: .itemFinished(item)))
        // A write of this store's queue comes after the batch that holds the element.
        try store.register(RunRegistration(id: "known", workflow: workflow([step("each", "gate")]), contents: []))
        #expect(store.recordingErrors.count == 1)
        #expect(store.recordingErrors.first?.contains("FOREIGN KEY") == true)
    }

    @Test func runsAreListedNewestFirstAndFilteredByWorkflow() throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        for (index, name) in ["a", "b", "a"].enumerated() {
            try store.register(
                RunRegistration(id: "r\(index)", workflow: name, file: "/w/\(name).yaml", fileHash: "h", stepKeys: []),
                at: Date(timeIntervalSince1970: Double(1000 + index)))
        }
        #expect(try store.runs().map(\.id) == ["r2", "r1", "r0"])
        #expect(try store.runs(workflow: "a").map(\.id) == ["r2", "r0"])
        #expect(try store.runs(limit: 1).map(\.id) == ["r2"])
    }

    @Test func anUnknownRunIsASentence() throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        #expect(throws: StateStoreError.self) { try store.run("nope") }
        do {
            _ = try store.run("nope")
        } catch {
            #expect(error.isUnknownRun)
            #expect(error.description == "there is no run nope in the state database (`havenflow runs` lists the runs)")
        }
    }

    @Test func runsOfDeadProcessesAreMarkedInterruptedWhenTheStoreOpens() throws {
        let directory = temporaryStateDirectory()
        let dead = ProcessIdentity(pid: deadPID, host: ProcessIdentity.current.host)
        let elsewhere = ProcessIdentity(pid: deadPID, host: "another-host")
        let first = try StateStore(path: directory + "-a.sqlite", process: dead)
        try first.register(RunRegistration(id: "gone", workflow: "w", file: "/w.yaml", fileHash: "h", stepKeys: []))
        _ = try first.acquireLock(workflow: "w", runID: "gone")
        let remote = try StateStore(path: directory + "-a.sqlite", process: elsewhere)
        try remote.register(RunRegistration(id: "remote", workflow: "v", file: "/v.yaml", fileHash: "h", stepKeys: []))
        _ = try remote.acquireLock(workflow: "v", runID: "remote")

        let reopened = try StateStore(path: directory + "-a.sqlite")
        #expect(try reopened.run("gone").summary.status == .interrupted)
        #expect(try reopened.lockHolder(workflow: "w") == nil)
        #expect(try reopened.run("remote").summary.status == .running)
        #expect(try reopened.lockHolder(workflow: "v")?.runID == "remote")
    }
}
