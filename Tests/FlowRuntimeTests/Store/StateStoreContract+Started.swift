import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Testing

/// Issue 16, part 1: the store knows which elements and plain steps had started when their process died,
/// and `resume` hands them to the engine as started (to run as retries after a lost answer).
@Suite("State store contract: started records")
struct StateStoreStartedContract {
    /// Records `kinds` for run `r` as the engine does, each durable before the next.
    func record(_ kinds: [RunEvent.Kind], in store: any StateStore, at time: Date) async throws {
        let observer = try #require(store as? any SynchronousRunObserver)
        for kind in kinds { await observer.recordDurably(RunEvent(ts: time, runID: "r", kind: kind)) }
        #expect(store.recordingErrors.isEmpty, "\(store.recordingErrors)")
    }

    @Test(arguments: StoreBackend.all)
    func elementsAndStepsThatStartedAndNeverFinishedAreResumedAsStarted(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        try await store.register(registration("r"), at: Date())
        let started = Date(timeIntervalSince1970: 1_800_000_000.25)
        try await record(
            [
                .runStarted(workflow: "w", file: "/w.yaml", inputs: [:]),
                .stepStarted(step: "plain", action: "delete-connector", name: nil, items: nil),
                .stepStarted(step: "each", action: "delete-connector", name: nil, items: 3),
                .itemStarted(step: "each", index: 0), .itemStarted(step: "each", index: 1),
                .itemFinished(RunEvent.ItemResult(step: "each", index: 0, status: .succeeded, outputs: ["deleted": true])),
            ], in: store, at: started)

        let state = try await store.resumeState(runID: "r")
        #expect(state.succeededElements["each"] == [0: ["deleted": true]])
        #expect(state.startedElements["each"] == [1: started])
        #expect(state.startedSteps == ["plain": started])

        // While the run is running the started element shows `running`.
        #expect(try await store.elements(runID: "r", step: "each").map(\.status) == ["succeeded", "running"])
        // A step started again keeps its first start time; a finished element record supersedes `started`.
        try await record(
            [
                .stepStarted(step: "plain", action: "delete-connector", name: nil, items: nil),
                .itemFinished(RunEvent.ItemResult(step: "each", index: 1, status: .succeeded)),
            ], in: store, at: started.addingTimeInterval(60))
        let again = try await store.resumeState(runID: "r")
        #expect(again.startedSteps == ["plain": started])
        #expect(again.startedElements.isEmpty)
        #expect(again.succeededElements["each"]?.keys.sorted() == [0, 1])
    }

    @Test(arguments: StoreBackend.all)
    func anElementCutOffByAnInterruptionIsRecordedInterruptedAndResumedAsStarted(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        try await store.register(registration("r"), at: Date())
        let finished = Date(timeIntervalSince1970: 1_800_000_010)
        let cut = StepError("step 'each': interrupted (the action was cancelled)", code: "interrupted")
        try await record(
            [
                .runStarted(workflow: "w", file: "/w.yaml", inputs: [:]),
                .stepStarted(step: "each", action: "delete-connector", name: nil, items: 2),
                .itemStarted(step: "each", index: 0), .itemStarted(step: "each", index: 1),
                .itemFinished(RunEvent.ItemResult(step: "each", index: 0, status: .failed, error: cut, attempts: 1, durationMs: 2000)),
                .itemFinished(RunEvent.ItemResult(
                    step: "each", index: 1, status: .failed, error: StepError("connector b does not exist", code: "4005"),
                    attempts: 1)),
                .stepFinished(RunEvent.StepResult(
                    step: "each", action: "delete-connector", status: .failed, error: cut, items: [.failed: 2])),
                .runFinished(status: .interrupted, counts: [.failed: 1], durationMs: 3, error: nil),
            ], in: store, at: finished)

        let run = try await store.run("r")
        #expect(run.steps.map(\.status) == ["interrupted"])
        #expect(run.steps[0].elements == ["interrupted": 1, "failed": 1])
        let state = try await store.resumeState(runID: "r")
        // A failed element is not resumed as started: it runs again as a first attempt.
        #expect(state.startedElements["each"] == [0: finished.addingTimeInterval(-2)])
    }
}
