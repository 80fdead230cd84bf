import Foundation
import GRDB

/// Who holds a workflow's run lock.
public struct LockHolder: Sendable, Hashable, CustomStringConvertible {
    public var workflow: String
    public var runID: String
    public var pid: Int32
    public var host: String
    public var acquiredAt: Date

    public var description: String {
        "run \(runID) (pid \(pid) on \(host), since \(Timestamp.rfc3339(acquiredAt)))"
    }
}

/// What `acquireLock` did.
public enum LockAcquisition: Sendable, Hashable {
    /// The lock is ours; `tookOver` is the stale holder (a dead process on this host) it replaced.
    case acquired(tookOver: LockHolder?)
    /// Another live process (or a process on another host, which cannot be checked) holds it.
    case held(by: LockHolder)
}

extension StateStore {
    /// Takes `workflow`'s run lock for `runID`, in one transaction: free, held by a dead process on this
    /// host (taken over), or held by this process already → acquired; otherwise held.
    public func acquireLock(workflow: String, runID: String, at time: Date = Date()) throws(StateStoreError)
        -> LockAcquisition
    {
        let process = process
        return try write { db in
            var stale: LockHolder?
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM locks WHERE workflow = ?", arguments: [workflow]) {
                let holder = Self.holder(row)
                // A lock taken for this run id is this run's (the scheduler takes it for the run it starts,
                // which adopts it).
                let ours = (holder.host == process.host && holder.pid == process.pid) || holder.runID == runID
                let dead = holder.host == process.host
                    && !ProcessIdentity.isAlive(pid: holder.pid, started: row["started"])
                guard ours || dead else { return .held(by: holder) }
                if dead { stale = holder }
            }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO locks (workflow, run_id, pid, host, acquired_at, started)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [workflow, runID, process.pid, process.host, time.timeIntervalSince1970, process.started])
            return .acquired(tookOver: stale)
        }
    }

    /// Frees `workflow`'s run lock if `runID` in this process holds it.
    public func releaseLock(workflow: String, runID: String) throws(StateStoreError) {
        let process = process
        try write { db in
            try db.execute(
                sql: "DELETE FROM locks WHERE workflow = ? AND run_id = ? AND pid = ? AND host = ?",
                arguments: [workflow, runID, process.pid, process.host])
        }
    }

    /// The holder of `workflow`'s run lock, if any.
    public func lockHolder(workflow: String) throws(StateStoreError) -> LockHolder? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM locks WHERE workflow = ?", arguments: [workflow]).map(Self.holder)
        }
    }

    static func holder(_ row: Row) -> LockHolder {
        LockHolder(
            workflow: row["workflow"], runID: row["run_id"], pid: row["pid"], host: row["host"],
            acquiredAt: Date(timeIntervalSince1970: row["acquired_at"]))
    }
}
