import Foundation
import JSONValue

/// Delivers a run's events to its observers, masked, in the order they were emitted: one queue, one
/// consumer task, so emitting never waits for a slow observer and observers never see events reordered.
final class EventEmitter: Sendable {
    private let runID: String
    private let masker: SharedMasker
    private let continuation: AsyncStream<RunEvent>.Continuation
    private let consumer: Task<Void, Never>
    /// Called inside `emit` (the state store: committed before the engine goes on).
    private let synchronous: [any SynchronousRunObserver]

    init(runID: String, observers: [any RunObserver], masker: SharedMasker) {
        self.runID = runID
        self.masker = masker
        synchronous = observers.compactMap { $0 as? any SynchronousRunObserver }
        let queued = observers.filter { !($0 is any SynchronousRunObserver) }
        let (stream, continuation) = AsyncStream.makeStream(of: RunEvent.self, bufferingPolicy: .unbounded)
        self.continuation = continuation
        consumer = Task {
            for await event in stream {
                for observer in queued { await observer.record(event) }
            }
        }
    }

    func emit(_ kind: RunEvent.Kind) {
        let event = event(kind)
        for observer in synchronous { observer.recordSynchronously(event) }
        continuation.yield(event)
    }

    /// Like `emit`, but suspends (rather than blocks) until the synchronous observers have made the event
    /// durable, so that concurrent callers may share a commit.
    func emitDurably(_ kind: RunEvent.Kind) async {
        let event = event(kind)
        for observer in synchronous { await observer.recordDurably(event) }
        continuation.yield(event)
    }

    /// The event of `kind`, now, masked.
    private func event(_ kind: RunEvent.Kind) -> RunEvent {
        RunEvent(ts: Date(), runID: runID, kind: kind).masked(by: masker.current)
    }

    /// Waits until every event emitted so far has reached every observer; later events are dropped.
    func finish() async {
        continuation.finish()
        await consumer.value
    }
}
