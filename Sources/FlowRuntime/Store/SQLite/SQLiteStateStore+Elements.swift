import Foundation
import GRDB

extension SQLiteStateStore {
    /// The latest record of each `for_each` element of `runID` (of `step` only, when given), by step and
    /// index. Records are kept in batch rows, one per step and commit (`ElementEntry`); an element run
    /// again on resume has a later record in a later row, which is the one that counts.
    static func latestElements(_ db: Database, runID: String, step: String? = nil) throws -> [String: [Int: ElementSummary]] {
        var sql = "SELECT step, records FROM element_batches WHERE run_id = ?"
        var arguments: StatementArguments = [runID]
        if let step {
            sql += " AND step = ?"
            arguments += [step]
        }
        var elements: [String: [Int: ElementSummary]] = [:]
        let rows = try Row.fetchCursor(db, sql: sql + " ORDER BY id", arguments: arguments)
        while let row = try rows.next() {
            StoredRecords.add(records: row["records"], step: row["step"], to: &elements)
        }
        return elements
    }

    /// One immediate transaction holding `entries` (the group commit's batch). BEGIN and COMMIT are
    /// prepared once (GRDB's `inTransaction` parses them each time, a cost paid here a thousand times per
    /// large `for_each`).
    static func commit(_ entries: [ElementEntry], _ db: Database) throws {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
        do {
            try insert(entries, into: db)
            try db.cachedStatement(sql: "COMMIT").execute()
        } catch {
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
            throw error
        }
    }

    /// Writes `entries` (in the caller's transaction, or each row its own in autocommit mode): one row per
    /// run of consecutive entries of the same run and step (`ElementEntry.batches`).
    static func insert(_ entries: [ElementEntry], into db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO element_batches (run_id, step, records) VALUES (?, ?, ?)")
        for batch in ElementEntry.batches(entries) {
            try statement.execute(arguments: [batch.runID, batch.step, batch.records])
        }
    }
}
