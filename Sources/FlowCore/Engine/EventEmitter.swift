import Foundation
import JSONValue

/// Delivers a run's events to its observers, masked, in the order they were emitted: one queue, one
/// consumer task, so emitting never waits for a slow observer and observers never see events reordered.
final class EventEmitter: Sendable {
    private let runID: String
    private let masker: SharedMasker
    private let continuation: AsyncStream<RunEvent>.Continuation
    private let consumer: Task<Void, Never>

    init(runID: String, observers: [any RunObserver], masker: SharedMasker) {
        self.runID = runID
        self.masker = masker
        let (stream, continuation) = AsyncStream.makeStream(of: RunEvent.self, bufferingPolicy: .unbounded)
        self.continuation = continuation
        consumer = Task {
            for await event in stream {
                for observer in observers { await observer.record(event) }
            }
        }
    }

    func emit(_ kind: RunEvent.Kind) {
        let event = RunEvent(ts: Date(), runID: runID, kind: kind)
        continuation.yield(event.masked(by: masker.current))
    }

    /// Waits until every event emitted so far has reached every observer; later events are dropped.
    func finish() async {
        continuation.finish()
        await consumer.value
    }
}
