import Foundation

/// Who holds a workflow's run lock.
public struct LockHolder: Sendable, Hashable, CustomStringConvertible {
    public var workflow: String
    public var runID: String
    /// The holding process and its lease.
    public var lease: LeaseHolder

    public var pid: Int32 { lease.pid }
    public var host: String { lease.host }
    public var acquiredAt: Date { lease.acquiredAt }
    public var expiresAt: Date? { lease.expiresAt }

    /// `run 20261129T021501Z-4f2a9c (pid 4121 on ops-1, since 2026-11-29T02:15:01.000Z)`.
    public var description: String {
        "run \(runID) (\(lease))"
    }
}

/// What `acquireLock` did.
public enum LockAcquisition: Sendable, Hashable {
    /// The lock is ours; `tookOver` is the holder it replaced (a dead process on this host, or a holder on
    /// another host whose lease ran out).
    case acquired(tookOver: LockHolder?)
    /// Another live process, or a process on another host within its lease, holds it.
    case held(by: LockHolder)
}
