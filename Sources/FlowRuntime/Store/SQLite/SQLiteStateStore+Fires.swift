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
        try await records(of: trigger, limit: 1).first
    }

    /// `trigger`'s latest `limit` records, newest first.
    public func records(of trigger: TriggerID, limit: Int) async throws -> [FireRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM fires WHERE workflow = ? AND trigger_index = ?
                    ORDER BY scheduled_at DESC, rowid DESC LIMIT ?
                    """,
                arguments: [trigger.workflow, trigger.index, max(limit, 0)]
            ).map { row in
                FireRecord(
                    trigger: trigger, scheduledAt: Date(timeIntervalSince1970: row["scheduled_at"]),
                    recordedAt: Date(timeIntervalSince1970: row["recorded_at"]),
                    outcome: StoredRecords.fireOutcome(row["outcome"], runID: row["run_id"], reason: row["reason"]))
            }
        }
    }
}
