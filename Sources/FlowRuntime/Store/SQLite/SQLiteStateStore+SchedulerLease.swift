import FlowCore
import Foundation
import GRDB

/// The scheduler's exclusivity: the one row of `scheduler_lease`, naming the scheduler's process and
/// the lease's end. A second scheduler finds it held; a scheduler killed on this host leaves it to be
/// taken over at once, one on another host when its lease runs out.
extension SQLiteStateStore {
    public func acquireSchedulerLease(lease: Duration) async throws(StateStoreError) -> LeaseAcquisition {
        let process = process
        let now = clock.now
        return try await write { db in
            var stale: LeaseHolder?
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM scheduler_lease WHERE id = 1") {
                let holder = Self.lease(row)
                switch LeaseClaim(holder: holder, started: row["started"], claimant: process, now: now) {
                case .held: return .held(by: holder)
                case .ours: break
                case .stale: stale = holder
                }
            }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO scheduler_lease (id, pid, host, started, acquired_at, expires_at)
                    VALUES (1, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    process.pid, process.host, process.started, now.timeIntervalSince1970,
                    now.adding(lease).timeIntervalSince1970,
                ])
            return .acquired(tookOver: stale)
        }
    }

    public func renewSchedulerLease(lease: Duration) async throws(StateStoreError) {
        let process = process
        let expiry = clock.now.adding(lease)
        let location = location
        try await write { db in
            try db.execute(
                sql: "UPDATE scheduler_lease SET expires_at = ? WHERE pid = ? AND host = ?",
                arguments: [expiry.timeIntervalSince1970, process.pid, process.host])
            guard db.changesCount > 0 else { throw StateStoreError(.schedulerLeaseLost(location: location)) }
        }
    }

    public func releaseSchedulerLease() async throws(StateStoreError) {
        let process = process
        try await write { db in
            try db.execute(
                sql: "DELETE FROM scheduler_lease WHERE pid = ? AND host = ?", arguments: [process.pid, process.host])
        }
    }
}
