import Dispatch
import GRDB
import Synchronization

/// Writes the element records handed in by concurrent tasks, several in one transaction (a group commit),
/// and returns to each caller only once its record is committed.
///
/// A caller queues its record and suspends; if no batch is being written, it schedules one on the
/// database's writer queue. That batch takes everything queued by then, writes it in one immediate
/// transaction as one row per step, resumes its callers, and repeats while more keeps arriving. The
/// elements of a `for_each` at concurrency 64 thus share commits and rows instead of paying one each — and
/// each is still committed before its caller goes on.
///
/// A commit costs far more than a record in it (file locks, the WAL's pages, waking the callers), and a
/// writer that takes whatever is queued the moment it is free ends up committing a handful of records
/// each time. So once a batch of `siblings` or more records has been seen — many elements finishing
/// together — the writer lets the next batch fill before it commits: it waits, at most `delay`, until as
/// many records are queued as the last batch held, or half the largest recent one (PostgreSQL's
/// `commit_delay`, MySQL's `binlog_group_commit_sync_delay`). Elements that finish one at a time never
/// wait; the others wait at most `delay` more, against the milliseconds of the API calls they make.
final class GroupCommit: Sendable {
    private struct Queue {
        var entries: [ElementEntry] = []
        var waiting: [UnsafeContinuation<Void, any Error>] = []
        var writing = false
        /// While the writer waits: the number of queued records that wakes it (0 when it does not wait).
        var wakeAt = 0
    }

    /// The largest recent batch from which on the writer waits for the next one to fill.
    static let siblings = 8
    /// The longest the writer waits for a batch to fill.
    static let delay = DispatchTimeInterval.milliseconds(1)

    private let database: DatabasePool
    private let queue = Mutex(Queue())
    private let filled = DispatchSemaphore(value: 0)

    init(database: DatabasePool) {
        self.database = database
    }

    /// Queues `entry` and returns once the transaction holding it has committed; throws the database's
    /// error when that transaction failed.
    func commit(_ entry: ElementEntry) async throws {
        try await withUnsafeThrowingContinuation { continuation in
            let (lead, wake) = queue.withLock { queue in
                queue.entries.append(entry)
                queue.waiting.append(continuation)
                let wake = queue.wakeAt > 0 && queue.entries.count >= queue.wakeAt
                if wake { queue.wakeAt = 0 }
                defer { queue.writing = true }
                return (!queue.writing, wake)
            }
            if wake { filled.signal() }
            if lead { database.asyncWriteWithoutTransaction { db in self.writeBatches(db) } }
        }
    }

    /// On the writer queue: writes what is queued, one transaction per batch, until nothing is.
    private func writeBatches(_ db: Database) {
        var last = 0
        // The largest recent batch, forgotten slowly (by a sixteenth per batch).
        var largest = 0
        while true {
            if largest >= Self.siblings { awaitBatch(of: max(last, largest / 2)) }
            let (entries, waiting) = queue.withLock { queue in
                let taken = (queue.entries, queue.waiting)
                queue.entries = []
                queue.waiting = []
                if taken.0.isEmpty { queue.writing = false }
                return taken
            }
            if entries.isEmpty { return }
            last = entries.count
            largest = max(last, largest * 15 / 16)
            do {
                try write(entries, db)
                for continuation in waiting { continuation.resume() }
            } catch {
                for continuation in waiting { continuation.resume(throwing: error) }
            }
        }
    }

    /// Waits, at most `delay`, until `count` records are queued.
    private func awaitBatch(of count: Int) {
        let wait = queue.withLock { queue in
            if queue.entries.count >= count { return false }
            queue.wakeAt = count
            return true
        }
        guard wait else { return }
        if filled.wait(timeout: .now() + Self.delay) == .timedOut {
            // A caller that reached the count after the timeout and before this lock has signalled: take
            // that signal back, so that the next wait does not end at once.
            let signalled = queue.withLock { queue in
                defer { queue.wakeAt = 0 }
                return queue.wakeAt == 0
            }
            if signalled { filled.wait() }
        }
    }

    /// One immediate transaction holding `entries`. BEGIN and COMMIT are prepared once (GRDB's `inTransaction`
    /// parses them each time, a cost paid here a thousand times per large `for_each`).
    private func write(_ entries: [ElementEntry], _ db: Database) throws {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
        do {
            try ElementEntry.insert(entries, into: db)
            try db.cachedStatement(sql: "COMMIT").execute()
        } catch {
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
            throw error
        }
    }
}
