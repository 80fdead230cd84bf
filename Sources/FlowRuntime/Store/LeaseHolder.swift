import FlowCore
import Foundation

/// The process holding a lease (a run lock or the scheduler lease): its pid and host, since when it
/// holds it and until when (nil: a lock recorded before leases, held until its process is gone).
public struct LeaseHolder: Sendable, Hashable, CustomStringConvertible {
    public var pid: Int32
    public var host: String
    public var acquiredAt: Date
    public var expiresAt: Date?

    /// `pid 4121 on ops-1, since 2026-11-29T02:15:01.000Z`.
    public var description: String {
        "pid \(pid) on \(host), since \(Timestamp.rfc3339(acquiredAt))"
    }
}

/// What `acquireSchedulerLease` did.
public enum LeaseAcquisition: Sendable, Hashable {
    /// The lease is ours; `tookOver` is the holder it replaced (a dead process on this host, or a holder
    /// on another host whose lease ran out).
    case acquired(tookOver: LeaseHolder?)
    /// Another scheduler holds it.
    case held(by: LeaseHolder)
}
