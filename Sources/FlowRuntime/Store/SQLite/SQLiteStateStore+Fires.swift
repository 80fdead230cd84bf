import FlowCore
import Foundation
import GRDB

/// The scheduler's fire records in the `fires` table.
extension SQLiteStateStore {
    public func record(_ record: FireRecord) async throws {
        let (outcome, runID, reason) = StoredRecords.fireColumns(record.outcome)
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO fires (workflow, trigger_index, scheduled_at, recorded_at, outcome, run_id, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.trigger.workflow, record.trigger.index, record.scheduledAt.timeIntervalSince1970,
                    record.recordedAt.timeIntervalSince1970, outcome, runID, reason,
                ])
        }
    }

    /// The latest record of `trigger` (a skip reads back as its sentence: `StoredRecords.fireOutcome`).
    public func lastRecord(of trigger: TriggerID) async throws -> FireRecord? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT * FROM fires WHERE workflow = ? AND trigger_index = ?
                        ORDER BY scheduled_at DESC, rowid DESC LIMIT 1
                        """,
                    arguments: [trigger.workflow, trigger.index])
            else { return nil }
            let outcome = StoredRecords.fireOutcome(row["outcome"], runID: row["run_id"], reason: row["reason"])
            return FireRecord(
                trigger: trigger, scheduledAt: Date(timeIntervalSince1970: row["scheduled_at"]),
                recordedAt: Date(timeIntervalSince1970: row["recorded_at"]), outcome: outcome)
        }
    }
}
