import Dispatch
import FlowCore
import Synchronization

/// Writes the element records handed in by concurrent tasks, several in one transaction (a group commit),
/// and returns to each caller only once its record is committed.
///
/// A caller queues its record and suspends; if no batch is being written, it schedules one on the
/// backend's writer (`Writer`: SQLite's writer queue, a PostgreSQL store's recording connection). That batch takes everything queued by then, writes it in one immediate
/// transaction as one row per step, resumes its callers, and repeats while more keeps arriving. The
/// elements of a `for_each` at concurrency 64 thus share commits and rows instead of paying one each — and
/// each is still committed before its caller goes on.
///
/// A commit costs far more than a record in it (file locks, the WAL's pages, waking the callers), and a
/// writer that takes whatever is queued the moment it is free ends up committing a handful of records
/// each time. So the writer lets a batch fill first (PostgreSQL's `commit_delay`, MySQL's
/// `binlog_group_commit_sync_delay`): it counts the most callers it has seen waiting at once — queued or
/// in the batch being written, about the number of elements in flight — and, when that is `siblings` or
/// more, waits until half as many are queued, so that one half commits while the other half runs. It
/// waits at most `delay`; a wait that times out lowers the count by a quarter. Elements that finish one
/// at a time do not wait, but for the few commits that bring the count down after a burst; any element
/// waits at most `delay` more, against the milliseconds of its API calls.
final class GroupCommit: Sendable {
    private struct Queue {
        var entries: [ElementEntry] = []
        var waiting: [UnsafeContinuation<Void, any Error>] = []
        /// Whether an entry queued by `enqueue` (no caller waits for it) is among `entries`.
        var unwaited = false
        var writing = false
        /// The records of the batch being written.
        var inBatch = 0
        /// The most callers seen waiting at once (queued or in the batch being written).
        var peak = 0
        /// While the writer waits: the number of queued records that wakes it (0 when it does not wait).
        var wakeAt = 0
    }

    /// The fewest callers waiting at once for which the writer lets batches fill.
    static let siblings = 8
    /// The longest the writer waits for a batch to fill.
    static let delay = DispatchTimeInterval.milliseconds(1)

    /// Starts a writing loop on the backend's writer: calls its argument once, with a function that
    /// commits a batch of entries as one transaction (throwing the database's error).
    typealias Writer = @Sendable (_ loop: @escaping @Sendable (_ commit: ([ElementEntry]) throws -> Void) -> Void) -> Void

    private let writer: Writer
    private let queue = Mutex(Queue())
    private let filled = DispatchSemaphore(value: 0)
    private let failures = Mutex<[String]>([])

    /// The errors of failed transactions that held entries nobody waited for (see `enqueue`).
    var unwaitedFailures: [String] { failures.withLock { $0 } }

    init(writer: @escaping Writer) {
        self.writer = writer
    }

    /// Queues `entry` to be written with the next batch and returns at once.
    func enqueue(_ entry: ElementEntry) {
        add(entry, waiting: nil)
    }

    /// Queues `entry` and returns once the transaction holding it has committed; throws the database's
    /// error when that transaction failed.
    func commit(_ entry: ElementEntry) async throws {
        try await withUnsafeThrowingContinuation { continuation in add(entry, waiting: continuation) }
    }

    /// Queues `entry` (and the caller waiting for it, if any), wakes the writer when the batch it waits
    /// for is full, and starts one when none is running.
    private func add(_ entry: ElementEntry, waiting continuation: UnsafeContinuation<Void, any Error>?) {
        let (lead, wake) = queue.withLock { queue in
            queue.entries.append(entry)
            if let continuation {
                queue.waiting.append(continuation)
                queue.peak = max(queue.peak, queue.entries.count + queue.inBatch)
            } else {
                queue.unwaited = true
            }
            let wake = queue.wakeAt > 0 && queue.entries.count >= queue.wakeAt
            if wake { queue.wakeAt = 0 }
            defer { queue.writing = true }
            return (!queue.writing, wake)
        }
        if wake { filled.signal() }
        if lead { writer { commit in self.writeBatches(commit) } }
    }

    /// On the writer: writes what is queued, one transaction per batch, until nothing is.
    private func writeBatches(_ commit: ([ElementEntry]) throws -> Void) {
        while true {
            awaitBatch()
            let (entries, waiting, unwaited) = queue.withLock { queue in
                let taken = (queue.entries, queue.waiting, queue.unwaited)
                queue.entries = []
                queue.waiting = []
                queue.unwaited = false
                queue.inBatch = taken.0.count
                if taken.0.isEmpty { queue.writing = false }
                return taken
            }
            if entries.isEmpty { return }
            do {
                try commit(entries)
                for continuation in waiting { continuation.resume() }
            } catch {
                for continuation in waiting { continuation.resume(throwing: error) }
                if unwaited { failures.withLock { $0.append("item_finished: \(error)") } }
            }
        }
    }

    /// When `siblings` or more callers have been seen waiting at once, waits (at most `delay`) until half
    /// as many are queued; if they are not, counts a quarter fewer from then on.
    private func awaitBatch() {
        let wait = queue.withLock { queue in
            queue.inBatch = 0
            let half = queue.peak / 2
            guard queue.peak >= Self.siblings, queue.entries.count < half else { return false }
            queue.wakeAt = half
            return true
        }
        guard wait, filled.wait(timeout: .now() + Self.delay) == .timedOut else { return }
        let signalled = queue.withLock { queue in
            defer {
                queue.wakeAt = 0
                queue.peak -= queue.peak / 4
            }
            return queue.wakeAt == 0
        }
        // A caller that reached the count after the timeout and before the lock has signalled: take that
        // signal back, so that the next wait does not end at once.
        if signalled { filled.wait() }
    }
}

extension GroupCommit {
    /// A store's `recordDurably`: an element's record (`item_started` before its action is called,
    /// `item_finished`) is committed with the elements starting or finishing at the same time, after
    /// `committing` saw the event; any other event goes to `otherwise` (the store's `recordSynchronously`).
    /// A failed commit is reported to `failed` as a sentence.
    func recordDurably(
        _ event: RunEvent, committing: (RunEvent) -> Void = { _ in }, otherwise: (RunEvent) -> Void,
        failed: (String) -> Void
    ) async {
        guard case .element(let entry) = EventRecord(event) else { return otherwise(event) }
        committing(event)
        do {
            try await commit(entry)
        } catch {
            failed("\(event.name): \(error)")
        }
    }
}
