import Foundation

/// A due time that a scheduler sharing the store claimed (`FireStore.claim`) and never recorded, and
/// whose claim ran out: that scheduler stopped (killed, say) between the claim and the record of its fire.
/// Another scheduler takes it over (`FireStore.takeOver`) so that no fire is lost.
public struct StaleClaim: Sendable, Hashable {
    public var trigger: TriggerID
    public var scheduledAt: Date
    /// The claim's owner: its host and process, and when it claimed (or last renewed) the time.
    public var host: String
    public var pid: Int32
    public var claimedAt: Date
    /// The run the owner was starting for the time, once it had chosen its id (`FireStore.bind`).
    public var runID: String?

    public init(trigger: TriggerID, scheduledAt: Date, host: String, pid: Int32, claimedAt: Date, runID: String?) {
        self.trigger = trigger
        self.scheduledAt = scheduledAt
        self.host = host
        self.pid = pid
        self.claimedAt = claimedAt
        self.runID = runID
    }
}

/// What taking over a `StaleClaim` gave.
public enum ClaimTakeover: Sendable, Hashable {
    /// The time is this scheduler's now: it fires it (or records it missed).
    case claimed
    /// The dead owner's run had started: the store recorded it as the time's fire; nothing more to do.
    case recorded(runID: String)
    /// Another scheduler took it over first, or the owner's run may still be starting (its run lock is
    /// held): nothing to do now.
    case left
}
