import FlowCore
import Foundation
import PostgresNIO

/// The scheduler's fire records in the `fires` table, and the claims of due times in `fire_claims`
/// (docs/operations.md, "Several schedulers"): a claim has an owner (host, pid), a lease (`expires_at`,
/// `HAVENFLOW_LEASE`) and, once the owner has chosen it, the id of the run it starts (`run_id`); the
/// time's record ends it (`expires_at` NULL). A claim whose lease ran out unrecorded is stale, and
/// another scheduler takes it over.
extension PostgresStateStore {
    /// Records `record` and ends its time's claim, in one statement — unless another process holds
    /// the time's claim (it took the claim over while this one stalled past the lease): that one records
    /// the time, and this record is dropped, so that a time never has two.
    public func record(_ record: FireRecord) async throws {
        let (outcome, runID, reason) = StoredRecords.fireColumns(record.outcome)
        _ = try await withConnection { connection in
            try await connection.run(
                """
                WITH ended AS (
                    UPDATE fire_claims SET expires_at = NULL
                    WHERE workflow = $1 AND trigger_index = $2 AND scheduled_at = $3 AND host = $8 AND pid = $9
                    AND expires_at IS NOT NULL)
                INSERT INTO fires (workflow, trigger_index, scheduled_at, recorded_at, outcome, run_id, reason, host)
                SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE NOT EXISTS (
                    SELECT 1 FROM fire_claims WHERE workflow = $1 AND trigger_index = $2 AND scheduled_at = $3
                    AND NOT (host = $8 AND pid = $9))
                """,
                [
                    record.trigger.workflow, record.trigger.index, record.scheduledAt.timeIntervalSince1970,
                    record.recordedAt.timeIntervalSince1970, outcome, runID, reason, process.host, process.pid,
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

    /// Claims a due time for this scheduler for a lease: the first INSERT of (workflow, trigger, time)
    /// wins, on whatever host (the primary key decides, as Airflow's schedulers claim a run through its
    /// unique key), so that several schedulers sharing the store fire each due time once.
    public func claim(_ trigger: TriggerID, at scheduledAt: Date) async throws -> Bool {
        let now = clock.now
        let result = try await withConnection { connection in
            try await connection.run(
                """
                INSERT INTO fire_claims (workflow, trigger_index, scheduled_at, host, pid, claimed_at, expires_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
                """,
                [
                    trigger.workflow, trigger.index, scheduledAt.timeIntervalSince1970, process.host, process.pid,
                    now.timeIntervalSince1970, now.adding(Heartbeat.lease).timeIntervalSince1970,
                ])
        }
        return result.changed == 1
    }

    /// Names the run about to start for this scheduler's claim and renews its lease; false when the
    /// claim is no longer this process's (taken over) or already ended.
    public func bind(_ trigger: TriggerID, at scheduledAt: Date, runID: String) async throws -> Bool {
        let result = try await withConnection { connection in
            try await connection.run(
                """
                UPDATE fire_claims SET run_id = $4, expires_at = $5
                WHERE workflow = $1 AND trigger_index = $2 AND scheduled_at = $3 AND host = $6 AND pid = $7
                AND expires_at IS NOT NULL
                """,
                [
                    trigger.workflow, trigger.index, scheduledAt.timeIntervalSince1970, runID,
                    clock.now.adding(Heartbeat.lease).timeIntervalSince1970, process.host, process.pid,
                ])
        }
        return result.changed == 1
    }

    /// Other processes' claims whose lease ran out before their time was recorded, oldest first.
    public func staleClaims() async throws -> [StaleClaim] {
        try await withConnection { connection in
            try await connection.run(
                """
                SELECT * FROM fire_claims WHERE expires_at IS NOT NULL AND expires_at <= $1
                AND NOT (host = $2 AND pid = $3) ORDER BY scheduled_at LIMIT 1000
                """, [clock.now.timeIntervalSince1970, process.host, process.pid]
            ).rows.map(Self.staleClaim)
        }
    }

    /// In one transaction, holding the claim's row: if it is unchanged (same owner, same claim time) and
    /// still stale, and its time is unrecorded — the owner's run, if it chose one and registered it, is
    /// recorded as the time's fire (`.recorded`); a run lock still held by that run leaves the claim be
    /// (the run may yet start); else the claim becomes this process's (`.claimed`).
    public func takeOver(_ claim: StaleClaim) async throws -> ClaimTakeover {
        let me = process
        let now = clock.now.timeIntervalSince1970
        let key: [any PostgresValue] = [claim.trigger.workflow, claim.trigger.index, claim.scheduledAt.timeIntervalSince1970]
        let whereKey = "workflow = $1 AND trigger_index = $2 AND scheduled_at = $3"
        return try await transaction { (connection: PostgresConnection) async throws -> ClaimTakeover in
            guard
                let row = try await connection.run("SELECT * FROM fire_claims WHERE \(whereKey) FOR UPDATE", key).rows.first,
                try Self.staleClaim(row) == claim,
                let expires = try row.value("expires_at", as: Double?.self), expires <= now
            else { return .left }
            if try await connection.run("SELECT 1 FROM fires WHERE \(whereKey) LIMIT 1", key).rows.first != nil {
                _ = try await connection.run("UPDATE fire_claims SET expires_at = NULL WHERE \(whereKey)", key)
                return .left
            }
            if let runID = claim.runID {
                if try await connection.run("SELECT 1 FROM runs WHERE id = $1", [runID]).rows.first != nil {
                    _ = try await connection.run(
                        """
                        INSERT INTO fires (workflow, trigger_index, scheduled_at, recorded_at, outcome, run_id, host)
                        VALUES ($1, $2, $3, $4, 'fired', $5, $6)
                        """, key + [now, runID, me.host])
                    _ = try await connection.run(
                        "UPDATE fire_claims SET host = $4, pid = $5, claimed_at = $6, expires_at = NULL WHERE \(whereKey)",
                        key + [me.host, me.pid, now])
                    return .recorded(runID: runID)
                }
                let lock = try await connection.run(
                    "SELECT 1 FROM locks WHERE run_id = $1 AND (expires_at IS NULL OR expires_at > $2)", [runID, now])
                if lock.rows.first != nil { return .left }
            }
            let taken = try await connection.run(
                """
                UPDATE fire_claims SET host = $4, pid = $5, claimed_at = $6, expires_at = $7, run_id = NULL
                WHERE \(whereKey) AND host = $8 AND pid = $9 AND claimed_at = $10
                """,
                key + [
                    me.host, me.pid, now, Date(timeIntervalSince1970: now).adding(Heartbeat.lease).timeIntervalSince1970, claim.host, claim.pid,
                    claim.claimedAt.timeIntervalSince1970,
                ])
            return taken.changed == 1 ? .claimed : .left
        }
    }

    static func staleClaim(_ row: PostgresRow) throws -> StaleClaim {
        StaleClaim(
            trigger: TriggerID(workflow: try row.value("workflow"), index: try row.value("trigger_index")),
            scheduledAt: Date(timeIntervalSince1970: try row.value("scheduled_at")), host: try row.value("host"),
            pid: try row.value("pid"), claimedAt: Date(timeIntervalSince1970: try row.value("claimed_at")),
            runID: try row.value("run_id"))
    }
}
