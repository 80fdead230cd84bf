import Foundation

/// Where the scheduler records every fire, skip and miss, and reads back each trigger's last record
/// (for catch-up after a restart and for `havenflow schedule --list`).
public protocol FireStore: Sendable {
    func record(_ record: FireRecord) async throws
    /// The record with the latest `scheduledAt` for `trigger`, whatever its outcome.
    func lastRecord(of trigger: TriggerID) async throws -> FireRecord?
}
