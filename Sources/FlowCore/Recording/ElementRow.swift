import Foundation
import GRDB
internal import GRDBSQLite
import JSONValue

/// One `for_each` element's row of the `elements` table, as the group commit writes it: bound straight
/// to the prepared statement with SQLite's C API (it is written once per element, 10,000 times in a
/// large run, so the generic argument path of GRDB is worth avoiding here).
struct ElementRow: Sendable {
    var runID: String
    var step: String
    var index: Int
    var status: String
    var attempts: Int
    var outputs: String?
    var error: String?
    var reason: String?
    var finishedAt: Double
    var durationMs: Int

    /// The row of `item`, finished at `event.ts`. Outputs are recorded for succeeded elements only.
    init(_ event: RunEvent, _ item: RunEvent.ItemResult) {
        runID = event.runID
        step = item.step
        index = item.index
        status = item.status.rawValue
        attempts = item.attempts
        outputs = item.status == .succeeded ? item.outputs.rendered() : nil
        error = item.error?.json().rendered()
        reason = item.reason?.rawValue
        finishedAt = event.ts.timeIntervalSince1970
        durationMs = item.durationMs
    }

    /// Writes `rows` (in the caller's transaction, or each its own in autocommit mode).
    static func insert(_ rows: [ElementRow], into db: Database) throws {
        let statement = try db.cachedStatement(sql: insertSQL).sqliteStatement
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for row in rows {
            sqlite3_reset(statement)
            row.bind(to: statement)
            let code = sqlite3_step(statement)
            guard code == SQLITE_DONE else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
        }
    }

    /// The statement the rows are bound to, in the order of `bind(to:)`.
    private static let insertSQL = """
        INSERT OR REPLACE INTO elements (run_id, step, idx, status, attempts, outputs, error, reason, finished_at,
            duration_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Binds the row to `insertSQL`'s prepared statement (which must be reset).
    private func bind(to statement: SQLiteStatement) {
        bindText(runID, 1, statement)
        bindText(step, 2, statement)
        sqlite3_bind_int64(statement, 3, Int64(index))
        bindText(status, 4, statement)
        sqlite3_bind_int64(statement, 5, Int64(attempts))
        bindText(outputs, 6, statement)
        bindText(error, 7, statement)
        bindText(reason, 8, statement)
        sqlite3_bind_double(statement, 9, finishedAt)
        sqlite3_bind_int64(statement, 10, Int64(durationMs))
    }

    private func bindText(_ text: String?, _ position: Int32, _ statement: SQLiteStatement) {
        guard let text else {
            sqlite3_bind_null(statement, position)
            return
        }
        // SQLITE_TRANSIENT: SQLite copies the text before this call returns.
        sqlite3_bind_text(statement, position, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }
}
