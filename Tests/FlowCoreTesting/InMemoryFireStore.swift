import FlowCore
import Foundation
import Synchronization

/// A `FireStore` in memory, for tests of the scheduler.
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

    public func records(of trigger: TriggerID, limit: Int) async throws -> [FireRecord] {
        state.withLock { records in
            let indexed = records.enumerated().filter { $0.element.trigger == trigger }
            let newest = indexed.sorted { ($0.element.scheduledAt, $0.offset) > ($1.element.scheduledAt, $1.offset) }
            return newest.prefix(max(limit, 0)).map(\.element)
        }
    }
}
