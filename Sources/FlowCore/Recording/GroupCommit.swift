import GRDB
import Synchronization

/// Writes the element rows handed in by concurrent tasks, several in one transaction (a group commit),
/// and returns to each caller only once its row is committed.
///
/// A caller queues its row and suspends; if no batch is being written, it schedules one on the
/// database's writer queue. That batch takes everything queued by then, writes it in one immediate
/// transaction, resumes its callers, and repeats while more keeps arriving. The elements of a `for_each`
/// at concurrency 64 thus share commits instead of paying one each — and each is still committed before
/// its caller goes on.
final class GroupCommit: Sendable {
    private struct Queue {
        var rows: [ElementRow] = []
        var waiting: [UnsafeContinuation<Void, any Error>] = []
        var writing = false
    }

    private let database: DatabasePool
    private let queue = Mutex(Queue())

    init(database: DatabasePool) {
        self.database = database
    }

    /// Queues `row` and returns once the transaction holding it has committed; throws the database's
    /// error when that transaction failed.
    func commit(_ row: ElementRow) async throws {
        try await withUnsafeThrowingContinuation { continuation in
            let lead = queue.withLock { queue in
                queue.rows.append(row)
                queue.waiting.append(continuation)
                defer { queue.writing = true }
                return !queue.writing
            }
            if lead { database.asyncWriteWithoutTransaction { db in self.writeBatches(db) } }
        }
    }

    /// On the writer queue: writes what is queued, one transaction per batch, until nothing is.
    private func writeBatches(_ db: Database) {
        while true {
            let (rows, waiting) = queue.withLock { queue in
                let taken = (queue.rows, queue.waiting)
                queue.rows = []
                queue.waiting = []
                if taken.0.isEmpty { queue.writing = false }
                return taken
            }
            if rows.isEmpty { return }
            do {
                try write(rows, db)
                for continuation in waiting { continuation.resume() }
            } catch {
                for continuation in waiting { continuation.resume(throwing: error) }
            }
        }
    }

    /// One immediate transaction holding `rows`. BEGIN and COMMIT are prepared once (GRDB's `inTransaction`
    /// parses them each time, a cost paid here a thousand times per large `for_each`).
    private func write(_ rows: [ElementRow], _ db: Database) throws {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
        do {
            try ElementRow.insert(rows, into: db)
            try db.cachedStatement(sql: "COMMIT").execute()
        } catch {
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
            throw error
        }
    }
}
