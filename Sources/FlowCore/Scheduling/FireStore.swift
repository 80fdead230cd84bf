import Foundation

/// Where the scheduler records every fire, skip and miss, and reads back each trigger's last record
/// (for catch-up after a restart and for `havenflow schedule --list`) and its recent records.
public protocol FireStore: Sendable {
    func record(_ record: FireRecord) async throws
    /// The record with the latest `scheduledAt` for `trigger`, whatever its outcome.
    func lastRecord(of trigger: TriggerID) async throws -> FireRecord?
    /// `trigger`'s latest `limit` records, whatever their outcome, newest first (by `scheduledAt`, then
    /// the order they were recorded in): its fire history, for `/schedules` and the metrics.
    func records(of trigger: TriggerID, limit: Int) async throws -> [FireRecord]
    /// Claims `trigger`'s due time `scheduledAt` for this scheduler before it fires it (or records it
    /// missed): false when another scheduler sharing the store claimed it first — that one fires it.
    /// Exactly one claim of a due time succeeds, whichever scheduler and host asks. A store that only one
    /// scheduler uses at a time (its lease says so) claims every time.
    func claim(_ trigger: TriggerID, at scheduledAt: Date) async throws -> Bool
}

extension FireStore {
    public func claim(_ trigger: TriggerID, at scheduledAt: Date) async throws -> Bool { true }
}
