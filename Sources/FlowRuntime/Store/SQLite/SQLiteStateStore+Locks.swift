import FlowCore
import Foundation
import GRDB

/// Run locks in the `locks` table: one row per locked workflow, naming the run, its process and the
/// lease's end (`expires_at`).
extension SQLiteStateStore {
    public func acquireLock(workflow: String, runID: String, lease: Duration) async throws(StateStoreError)
        -> LockAcquisition
    {
        let process = process
        let now = clock.now
        return try await write { db in
            var stale: LockHolder?
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM locks WHERE workflow = ?", arguments: [workflow]) {
                let holder = Self.lockHolder(row)
                switch LeaseClaim(
                    holder: holder.lease, started: row["started"], claimant: process, now: now,
                    sameRun: holder.runID == runID)
                {
                case .held: return .held(by: holder)
                case .ours: break
                case .stale:
                    stale = holder
                    try Self.markInterrupted(db, runID: holder.runID, pid: holder.pid, host: holder.host, at: now)
                }
            }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO locks (workflow, run_id, pid, host, acquired_at, started, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    workflow, runID, process.pid, process.host, now.timeIntervalSince1970, process.started,
                    now.adding(lease).timeIntervalSince1970,
                ])
            return .acquired(tookOver: stale)
        }
    }

    public func renewLock(workflow: String, runID: String, lease: Duration) async throws(StateStoreError) {
        let process = process
        let expiry = clock.now.adding(lease)
        try await write { db in
            try db.execute(
                sql: "UPDATE locks SET expires_at = ? WHERE workflow = ? AND run_id = ? AND pid = ? AND host = ?",
                arguments: [expiry.timeIntervalSince1970, workflow, runID, process.pid, process.host])
            guard db.changesCount > 0 else { throw StateStoreError(.lockLost(workflow: workflow, runID: runID)) }
        }
    }

    public func releaseLock(workflow: String, runID: String) async throws(StateStoreError) {
        let process = process
        try await write { db in
            try db.execute(
                sql: "DELETE FROM locks WHERE workflow = ? AND run_id = ? AND pid = ? AND host = ?",
                arguments: [workflow, runID, process.pid, process.host])
        }
    }

    public func lockHolder(workflow: String) async throws(StateStoreError) -> LockHolder? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM locks WHERE workflow = ?", arguments: [workflow]).map(Self.lockHolder)
        }
    }

    static func lockHolder(_ row: Row) -> LockHolder {
        LockHolder(workflow: row["workflow"], runID: row["run_id"], lease: lease(row))
    }

    /// The holder of the lease in `row` (a lock's or the scheduler's).
    static func lease(_ row: Row) -> LeaseHolder {
        LeaseHolder(
            pid: row["pid"], host: row["host"], acquiredAt: Date(timeIntervalSince1970: row["acquired_at"]),
            expiresAt: (row["expires_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
