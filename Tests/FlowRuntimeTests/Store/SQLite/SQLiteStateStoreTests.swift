import FlowCore
import FlowRuntime
import Foundation
import GRDB
import JSONValue
import Testing

@Suite("SQLite state store: the file")
struct SQLiteStateStoreTests {
    @Test func theDatabaseIsStateSqliteInWALMode() async throws {
        let directory = temporaryStateDirectory()
        let store = try SQLiteStateStore(directory: directory)
        #expect(store.path == directory + "/state.sqlite")
        #expect(store.location == store.path)
        let mode = try await DatabaseQueue(path: store.path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let permissions = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
        #expect(permissions == 0o700)
    }

    /// Elements committed together are one row per step whose `records` is a JSON array; each record keeps
    /// its time to the microsecond, and a skip its reason.
    @Test func elementRecordsAreJSONArraysInBatchRows() async throws {
        let store = try SQLiteStateStore(directory: temporaryStateDirectory())
        try await store.register(registration("r"))
        let text = "quote \" backslash \\ ]},{"
        let times = [1_764_405_300.000042, 1_764_405_301.5, 1_764_405_302]
        for (item, time) in zip(StateStoreDurabilityContract.items(text: text, outputs: ["text": .string(text)]), times) {
            await store.recordDurably(RunEvent(ts: Date(timeIntervalSince1970: time), runID: "r", kind: .itemFinished(item)))
        }
        #expect(store.recordingErrors == [])
        let records = try await DatabaseQueue(path: store.path).read { db in
            try String.fetchAll(db, sql: "SELECT records FROM element_batches ORDER BY id")
        }
        let recorded = try records.flatMap { try JSON(parsing: $0).arrayValue ?? [] }
        #expect(recorded.map { $0["finished_at"]?.doubleValue } == times)
        #expect(records.first?.contains("\"finished_at\":1764405300.000042,") == true)
        #expect(recorded.map { $0["reason"] } == [nil, nil, "filtered"])
        #expect(recorded.map { $0["index"] } == [0, 1, 2])
    }

    /// An element record nobody waits for (one that did not run), in a transaction that fails, is
    /// reported all the same.
    @Test func aFailedGroupCommitNobodyWaitedForIsReported() async throws {
        let store = try SQLiteStateStore(directory: temporaryStateDirectory())
        let item = RunEvent.ItemResult(step: "each", index: 0, status: .skipped, reason: .filtered)
        store.recordSynchronously(RunEvent(runID: "unknown", kind: .itemFinished(item)))
        // A write of this store's queue comes after the batch that holds the element.
        try await store.register(registration("known"))
        #expect(store.recordingErrors.count == 1)
        #expect(store.recordingErrors.first?.contains("FOREIGN KEY") == true)
    }

    /// Closing waits for the records still queued.
    @Test func closingWritesWhatIsQueued() async throws {
        let directory = temporaryStateDirectory()
        let store = try SQLiteStateStore(directory: directory)
        try await store.register(registration("r"))
        let item = RunEvent.ItemResult(step: "each", index: 0, status: .skipped, reason: .filtered)
        store.recordSynchronously(RunEvent(runID: "r", kind: .itemFinished(item)))
        await store.close()
        #expect(try await SQLiteStateStore(directory: directory).elements(runID: "r", step: "each").map(\.status) == ["skipped"])
    }
}
