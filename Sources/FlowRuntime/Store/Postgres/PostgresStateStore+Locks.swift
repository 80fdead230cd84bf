import FlowCore
import Foundation
import PostgresNIO

/// Run locks in the `locks` table (one row per locked workflow: the run, its process, the lease's end)
/// and the scheduler lease (the one row of `scheduler_lease`), taken by the rule every backend applies
/// (`LeaseClaim`) inside a transaction that holds the row (`SELECT … FOR UPDATE`; a free lock's race is
/// settled by the primary key: the loser's transaction is retried and finds the winner's row).
extension PostgresStateStore {
    public func acquireLock(workflow: String, runID: String, lease: Duration) async throws(StateStoreError)
        -> LockAcquisition
    {
        let process = process
        let now = clock.now
        return try await retryingConflicts { () async throws(StateStoreError) -> LockAcquisition in
            try await self.transaction { (connection: PostgresConnection) async throws -> LockAcquisition in
                var stale: LockHolder?
                if let row = try await connection.run("SELECT * FROM locks WHERE workflow = $1 FOR UPDATE", [workflow]).rows.first {
                    let holder = try Self.lockHolder(row)
                    switch LeaseClaim(
                        holder: holder.lease, started: try row.value("started"), claimant: process, now: now,
                        sameRun: holder.runID == runID)
                    {
                    case .held: return .held(by: holder)
                    case .ours: break
                    case .stale:
                        stale = holder
                        try await Self.markInterrupted(
                            connection, runID: holder.runID, pid: holder.pid, host: holder.host, at: now.timeIntervalSince1970)
                    }
                    _ = try await connection.run("DELETE FROM locks WHERE workflow = $1", [workflow])
                }
                _ = try await connection.run(
                    """
                    INSERT INTO locks (workflow, run_id, pid, host, acquired_at, started, expires_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """,
                    [
                        workflow, runID, process.pid, process.host, now.timeIntervalSince1970, process.started,
                        now.adding(lease).timeIntervalSince1970,
                    ])
                return .acquired(tookOver: stale)
            }
        }
    }

    public func renewLock(workflow: String, runID: String, lease: Duration) async throws(StateStoreError) {
        let result = try await withConnection { connection in
            try await connection.run(
                "UPDATE locks SET expires_at = $1 WHERE workflow = $2 AND run_id = $3 AND pid = $4 AND host = $5",
                [clock.now.adding(lease).timeIntervalSince1970, workflow, runID, process.pid, process.host])
        }
        guard result.changed > 0 else { throw StateStoreError(.lockLost(workflow: workflow, runID: runID)) }
    }

    public func releaseLock(workflow: String, runID: String) async throws(StateStoreError) {
        _ = try await withConnection { connection in
            try await connection.run(
                "DELETE FROM locks WHERE workflow = $1 AND run_id = $2 AND pid = $3 AND host = $4",
                [workflow, runID, process.pid, process.host])
        }
    }

    public func lockHolder(workflow: String) async throws(StateStoreError) -> LockHolder? {
        try await withConnection { connection in
            try await connection.run("SELECT * FROM locks WHERE workflow = $1", [workflow]).rows.first.map(Self.lockHolder)
        }
    }

    public func acquireSchedulerLease(lease: Duration) async throws(StateStoreError) -> LeaseAcquisition {
        let process = process
        let now = clock.now
        return try await retryingConflicts { () async throws(StateStoreError) -> LeaseAcquisition in
            try await self.transaction { (connection: PostgresConnection) async throws -> LeaseAcquisition in
                var stale: LeaseHolder?
                if let row = try await connection.run("SELECT * FROM scheduler_lease WHERE id = 1 FOR UPDATE").rows.first {
                    let holder = try Self.lease(row)
                    switch LeaseClaim(holder: holder, started: try row.value("started"), claimant: process, now: now) {
                    case .held: return .held(by: holder)
                    case .ours: break
                    case .stale: stale = holder
                    }
                    _ = try await connection.run("DELETE FROM scheduler_lease WHERE id = 1")
                }
                _ = try await connection.run(
                    """
                    INSERT INTO scheduler_lease (id, pid, host, started, acquired_at, expires_at)
                    VALUES (1, $1, $2, $3, $4, $5)
                    """,
                    [
                        process.pid, process.host, process.started, now.timeIntervalSince1970,
                        now.adding(lease).timeIntervalSince1970,
                    ])
                return .acquired(tookOver: stale)
            }
        }
    }

    public func renewSchedulerLease(lease: Duration) async throws(StateStoreError) {
        let result = try await withConnection { connection in
            try await connection.run(
                "UPDATE scheduler_lease SET expires_at = $1 WHERE pid = $2 AND host = $3",
                [clock.now.adding(lease).timeIntervalSince1970, process.pid, process.host])
        }
        guard result.changed > 0 else { throw StateStoreError(.schedulerLeaseLost(location: location)) }
    }

    public func releaseSchedulerLease() async throws(StateStoreError) {
        _ = try await withConnection { connection in
            try await connection.run("DELETE FROM scheduler_lease WHERE pid = $1 AND host = $2", [process.pid, process.host])
        }
    }

    /// `body`, again when it lost a race for a free row to another host's insert (a unique violation).
    func retryingConflicts<T>(_ body: () async throws(StateStoreError) -> T) async throws(StateStoreError) -> T {
        for _ in 0..<5 {
            do {
                return try await body()
            } catch where error.description.contains("SQLSTATE 23505") {
                continue
            }
        }
        return try await body()
    }

    static func lockHolder(_ row: PostgresRow) throws -> LockHolder {
        LockHolder(workflow: try row.value("workflow"), runID: try row.value("run_id"), lease: try lease(row))
    }

    /// The holder of the lease in `row` (a lock's or the scheduler's).
    static func lease(_ row: PostgresRow) throws -> LeaseHolder {
        LeaseHolder(
            pid: try row.value("pid"), host: try row.value("host"),
            acquiredAt: Date(timeIntervalSince1970: try row.value("acquired_at")),
            expiresAt: try row.value("expires_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
    }
}
