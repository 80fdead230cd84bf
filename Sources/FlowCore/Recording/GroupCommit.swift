import GRDB
import Synchronization

/// Writes statements handed in by concurrent tasks, several in one transaction (a group commit), and
/// returns to each caller only once its statement is committed.
///
/// A caller queues its arguments and suspends. If no batch is being written, the caller leads: on its
/// own thread it takes everything queued by then, writes it in one immediate transaction, resumes the
/// callers it wrote for (itself among them), and repeats until the queue is empty. The elements of a
/// `for_each` at concurrency 64 thus share commits instead of paying one each, with no thread hand-off
/// — and each is still committed before its caller goes on.
final class GroupCommit: Sendable {
    private struct Queue {
        var rows: [StatementArguments] = []
        var waiting: [CheckedContinuation<Void, any Error>] = []
        var writing = false
    }

    private let database: DatabasePool
    private let sql: String
    private let queue = Mutex(Queue())

    /// - Parameter sql: the statement every caller's arguments are bound to.
    init(database: DatabasePool, sql: String) {
        self.database = database
        self.sql = sql
    }

    /// Queues `arguments` and returns once the transaction holding them has committed; throws the
    /// database's error when that transaction failed.
    func commit(_ arguments: StatementArguments) async throws {
        try await withCheckedThrowingContinuation { continuation in
            let lead = queue.withLock { queue in
                queue.rows.append(arguments)
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
                try db.inTransaction(.immediate) {
                    let statement = try db.cachedStatement(sql: sql)
                    for arguments in rows { try statement.execute(arguments: arguments) }
                    return .commit
                }
                for continuation in waiting { continuation.resume() }
            } catch {
                for continuation in waiting { continuation.resume(throwing: error) }
            }
        }
    }
}
