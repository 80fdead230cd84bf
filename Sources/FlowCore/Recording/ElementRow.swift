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

    /// Writes `rows` (in the caller's transaction, or each statement its own in autocommit mode): in
    /// statements of 32, 16, 8, 4, 2 and 1 rows, since SQLite's cost of running a statement is larger than
    /// that of inserting one more row with it.
    static func insert(_ rows: [ElementRow], into db: Database) throws {
        var start = 0
        for (size, sql) in insertStatements where rows.count - start >= size {
            let statement = try db.cachedStatement(sql: sql).sqliteStatement
            defer { sqlite3_reset(statement) }
            while rows.count - start >= size {
                sqlite3_reset(statement)
                for (offset, row) in rows[start..<start + size].enumerated() {
                    row.bind(to: statement, from: Int32(offset * columns))
                }
                let code = sqlite3_step(statement)
                guard code == SQLITE_DONE else {
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: code),
                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                start += size
            }
        }
    }

    private static let columns = 10

    /// The insert statements of 32, 16, 8, 4, 2 and 1 rows, largest first; their values are bound in the
    /// order of `bind(to:from:)`.
    private static let insertStatements = [32, 16, 8, 4, 2, 1].map { rows in
        (rows: rows, sql: """
            INSERT OR REPLACE INTO elements (run_id, step, idx, status, attempts, outputs, error, reason, finished_at,
                duration_ms)
            VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
            """)
    }

    /// Binds the row to parameters `first + 1` … `first + 10` of a reset insert statement.
    private func bind(to statement: SQLiteStatement, from first: Int32) {
        bindText(runID, first + 1, statement)
        bindText(step, first + 2, statement)
        sqlite3_bind_int64(statement, first + 3, Int64(index))
        bindText(status, first + 4, statement)
        sqlite3_bind_int64(statement, first + 5, Int64(attempts))
        bindText(outputs, first + 6, statement)
        bindText(error, first + 7, statement)
        bindText(reason, first + 8, statement)
        sqlite3_bind_double(statement, first + 9, finishedAt)
        sqlite3_bind_int64(statement, first + 10, Int64(durationMs))
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
