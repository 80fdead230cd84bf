import FlowCore
import Foundation
import PostgresNIO

/// The scheduler's fire records in the `fires` table.
extension PostgresStateStore {
    public func record(_ record: FireRecord) async throws {
        let (outcome, runID, reason) = StoredRecords.fireColumns(record.outcome)
        _ = try await withConnection { connection in
            try await connection.run(
                """
                INSERT INTO fires (workflow, trigger_index, scheduled_at, recorded_at, outcome, run_id, reason, host)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """,
                [
                    record.trigger.workflow, record.trigger.index, record.scheduledAt.timeIntervalSince1970,
                    record.recordedAt.timeIntervalSince1970, outcome, runID, reason, process.host,
                ])
        }
    }

    /// The latest record of `trigger` (a skip reads back as its sentence: `StoredRecords.fireOutcome`).
    public func lastRecord(of trigger: TriggerID) async throws -> FireRecord? {
        try await records(of: trigger, limit: 1).first
    }

    /// `trigger`'s latest `limit` records, newest first.
    public func records(of trigger: TriggerID, limit: Int) async throws -> [FireRecord] {
        try await withConnection { connection in
            try await connection.run(
                """
                SELECT * FROM fires WHERE workflow = $1 AND trigger_index = $2
                ORDER BY scheduled_at DESC, id DESC LIMIT $3
                """, [trigger.workflow, trigger.index, max(limit, 0)]
            ).rows.map { row in
                FireRecord(
                    trigger: trigger, scheduledAt: Date(timeIntervalSince1970: try row.value("scheduled_at")),
                    recordedAt: Date(timeIntervalSince1970: try row.value("recorded_at")),
                    outcome: StoredRecords.fireOutcome(
                        try row.value("outcome"), runID: try row.value("run_id"), reason: try row.value("reason")))
            }
        }
    }

    /// Claims a due time for this scheduler: the first INSERT of (workflow, trigger, time) wins, on
    /// whatever host (the primary key decides, as Airflow's schedulers claim a run through its unique
    /// key), so that several schedulers sharing the store fire each due time once.
    public func claim(_ trigger: TriggerID, at scheduledAt: Date) async throws -> Bool {
        let result = try await withConnection { connection in
            try await connection.run(
                """
                INSERT INTO fire_claims (workflow, trigger_index, scheduled_at, host, pid, claimed_at)
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
                """,
                [
                    trigger.workflow, trigger.index, scheduledAt.timeIntervalSince1970, process.host, process.pid,
                    clock.now.timeIntervalSince1970,
                ])
        }
        return result.changed == 1
    }
}
