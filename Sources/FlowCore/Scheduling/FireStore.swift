import Foundation
import Synchronization

/// Where the scheduler records every fire, skip and miss, and reads back each trigger's last record
/// (for catch-up after a restart and for `havenflow schedule --list`).
public protocol FireStore: Sendable {
    func record(_ record: FireRecord) async throws
    /// The record with the latest `scheduledAt` for `trigger`, whatever its outcome.
    func lastRecord(of trigger: TriggerID) async throws -> FireRecord?
}

/// A `FireStore` in memory: for tests, `--once` without a state directory, and until the durable store
/// backs it with SQLite.
public final class InMemoryFireStore: FireStore {
    private let state = Mutex<[FireRecord]>([])

    public init(records: [FireRecord] = []) {
        state.withLock { $0 = records }
    }

    /// Every record, in the order they were made.
    public var records: [FireRecord] { state.withLock { $0 } }

    public func record(_ record: FireRecord) async throws {
        state.withLock { $0.append(record) }
    }

    public func lastRecord(of trigger: TriggerID) async throws -> FireRecord? {
        state.withLock { records in
            records.filter { $0.trigger == trigger }.max { $0.scheduledAt < $1.scheduledAt }
        }
    }
}
