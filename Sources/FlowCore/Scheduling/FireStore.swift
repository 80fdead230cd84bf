import Foundation

/// Where the scheduler records every fire, skip and miss, and reads back each trigger's last record
/// (for catch-up after a restart and for `havenflow schedule --list`) and its recent records.
public protocol FireStore: Sendable {
    /// Records `record`; the record of a claimed time also ends its claim (nobody takes it over). A time
    /// whose claim another scheduler holds (it took the claim over) is that one's to record: not recorded.
    func record(_ record: FireRecord) async throws
    /// The record with the latest `scheduledAt` for `trigger`, whatever its outcome.
    func lastRecord(of trigger: TriggerID) async throws -> FireRecord?
    /// `trigger`'s latest `limit` records, whatever their outcome, newest first (by `scheduledAt`, then
    /// the order they were recorded in): its fire history, for `/schedules` and the metrics.
    func records(of trigger: TriggerID, limit: Int) async throws -> [FireRecord]
    /// Claims `trigger`'s due time `scheduledAt` for this scheduler before it fires it (or records it
    /// missed): false when another scheduler sharing the store claimed it first — that one fires it.
    /// Exactly one claim of a due time succeeds, whichever scheduler and host asks. A store that only one
    /// scheduler uses at a time (its lease says so) claims every time. The claim lasts a lease; it ends
    /// with the time's record.
    func claim(_ trigger: TriggerID, at scheduledAt: Date) async throws -> Bool
    /// Names the run this scheduler is about to start for its claimed time, and renews the claim's lease:
    /// false when the claim is no longer this scheduler's (another took it over after its lease ran
    /// out), and the run must not start.
    func bind(_ trigger: TriggerID, at scheduledAt: Date, runID: String) async throws -> Bool
    /// The claims of other schedulers whose lease ran out before their time was recorded, oldest first.
    func staleClaims() async throws -> [StaleClaim]
    /// Takes `claim` over for this scheduler if it is still stale and unchanged (in one transaction): when
    /// its run had started, records that run as the time's fire instead.
    func takeOver(_ claim: StaleClaim) async throws -> ClaimTakeover
}

extension FireStore {
    public func claim(_ trigger: TriggerID, at scheduledAt: Date) async throws -> Bool { true }
    public func bind(_ trigger: TriggerID, at scheduledAt: Date, runID: String) async throws -> Bool { true }
    public func staleClaims() async throws -> [StaleClaim] { [] }
    public func takeOver(_ claim: StaleClaim) async throws -> ClaimTakeover { .left }
}
