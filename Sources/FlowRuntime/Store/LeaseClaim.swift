import Foundation

/// Whether a process may take a lease (a run lock, the scheduler lease) that another process recorded:
/// the rule every backend applies, inside the transaction that then writes the new holder.
enum LeaseClaim: Equatable {
    /// The recorded holder is the claiming process itself.
    case ours
    /// The holder is gone: a dead process on this host, or a holder on another host whose lease ran out.
    case stale
    /// The holder still holds it.
    case held

    /// The claim of `process` at `now` on a lease recorded by `holder` (with its process start `started`).
    /// On the claimant's host the holder's process decides (alive or not, whatever the lease says, since
    /// it can be checked); on another host only the lease can. A run lock taken for the claimant's own run
    /// id (`sameRun`: the scheduler takes it for the run it starts) is the claimant's: the run adopts it.
    init(holder: LeaseHolder, started: String?, claimant process: ProcessIdentity, now: Date, sameRun: Bool = false) {
        if sameRun {
            self = .ours
        } else if holder.host == process.host {
            if holder.pid == process.pid {
                self = .ours
            } else {
                self = ProcessIdentity.isAlive(pid: holder.pid, started: started) ? .held : .stale
            }
        } else if let expiresAt = holder.expiresAt, expiresAt <= now {
            self = .stale
        } else {
            self = .held
        }
    }
}

extension Date {
    /// This time plus `duration`.
    func adding(_ duration: Duration) -> Date {
        let (seconds, attoseconds) = duration.components
        return addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }
}
