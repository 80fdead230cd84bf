import FlowRuntime
import Synchronization

/// The runs list's sparkline counts of ended runs, kept between requests: an ended run's records do not
/// change until it is resumed, which changes its summary (status, resumes, end) and so the key. A running
/// run is read each time. At most `capacity` runs are kept (then the cache starts over).
final class OutcomeCache: Sendable {
    static let capacity = 20_000

    private struct Key: Hashable {
        var id: String
        var status: RecordedRunStatus
        var resumes: Int
        var durationMs: Int?
    }

    private let counts = Mutex<[Key: [String: Int]]>([:])

    /// The run's steps and elements by status: kept, or read from the store (one read).
    func counts(of run: RunSummary, reader: RunReader) async -> [String: Int] {
        let key = Key(id: run.id, status: run.status, resumes: run.resumes, durationMs: run.durationMs)
        if let known = counts.withLock({ $0[key] }) { return known }
        let read = Sparkline.counts((try? await reader.run(run.id))?.steps ?? [])
        if run.status != .running {
            counts.withLock { cache in
                if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
                cache[key] = read
            }
        }
        return read
    }
}
