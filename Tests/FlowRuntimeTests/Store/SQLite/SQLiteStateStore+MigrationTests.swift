import FlowCore
import FlowCoreTesting
import FlowRuntime
import Foundation
import GRDB
import JSONValue
import Testing

@Suite("SQLite state store: schema migrations")
struct SQLiteStateStoreMigrationTests {
    /// A database written before migration v2 (elements in a rowid table, one row each) keeps its element
    /// records through v2 (`WITHOUT ROWID`) and v4 (one batch row per step), and the run resumes from them.
    @Test func elementsOfAVersionOneDatabaseSurviveTheMigrations() async throws {
        let directory = temporaryStateDirectory()
        let store = try SQLiteStateStore(directory: directory)
        let flow = try testWorkflow("steps:\n  - id: each\n    for_each: [1, 2, 3]\n    gate: { value: \"${{ item }}\" }\n")
        _ = try await recordedRun(flow, store: store, actions: [GateAction(failing: [2])], runID: "old")
        try Self.downgradeElementsToVersionOne(store.path)
        #expect(try Self.tables(store.path).contains("elements"))

        let reopened = try SQLiteStateStore(directory: directory)
        let elements = try await reopened.elements(runID: "old", step: "each")
        #expect(elements.map(\.status) == ["succeeded", "failed", "succeeded"])
        #expect(elements.map(\.index) == [0, 1, 2])
        #expect(elements.first?.outputs == ["value": 1, "doubled": 2])
        #expect(elements[1].outputs == .null)
        #expect(elements[1].error?["message"] != nil)
        #expect(try await reopened.resumeState(runID: "old").succeededElements["each"]?.keys.sorted() == [0, 2])
        let tables = try Self.tables(store.path)
        #expect(!tables.contains("elements"))
        #expect(tables.contains("element_batches"))
    }

    /// A lock taken before v5 has no lease: it is kept through the migration, holds while its process
    /// lives (on another host: until it is freed) and is renewed into a lease by its holder.
    @Test func locksOfAVersionFourDatabaseKeepHoldingWithoutALease() async throws {
        let directory = temporaryStateDirectory()
        let path = directory + "/state.sqlite"
        let remote = ProcessIdentity(pid: 1, host: "elsewhere")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try await SQLiteStateStore(directory: directory, process: remote)
            .acquireLock(workflow: "w", runID: "old", lease: .seconds(30))
        try await DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: """
                    DROP TABLE scheduler_lease;
                    ALTER TABLE locks DROP COLUMN expires_at;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v5%';
                    """)
        }
        let clock = ManualClock(now: start.addingTimeInterval(86_400 * 365))
        let store = try SQLiteStateStore(directory: directory, clock: clock)
        let holder = try #require(try await store.lockHolder(workflow: "w"))
        #expect(holder.runID == "old")
        #expect(holder.expiresAt == nil)
        #expect(try await store.acquireLock(workflow: "w", runID: "new", lease: .seconds(30)) == .held(by: holder))
        #expect(try Self.tables(path).contains("scheduler_lease"))

        let renewed = try SQLiteStateStore(directory: directory, process: remote, clock: clock)
        try await renewed.renewLock(workflow: "w", runID: "old", lease: .seconds(30))
        #expect(try await store.lockHolder(workflow: "w")?.expiresAt == clock.now + 30)
    }

    /// The database's tables.
    private static func tables(_ path: String) throws -> Set<String> {
        try DatabaseQueue(path: path).read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        }
    }

    /// Rebuilds the `elements` table as migration v1 made it, with the recorded elements one row each (not
    /// the `started` records, which v1 did not have), and forgets migrations v2 and v4.
    private static func downgradeElementsToVersionOne(_ path: String) throws {
        try DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: """
                    CREATE TABLE elements (
                        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, step TEXT NOT NULL,
                        idx INTEGER NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                        outputs TEXT, error TEXT, reason TEXT, finished_at REAL NOT NULL,
                        duration_ms INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, step, idx));
                    INSERT INTO elements
                        SELECT b.run_id, b.step, r.value ->> 'index', r.value ->> 'status', r.value ->> 'attempts',
                            CASE WHEN r.value ->> 'status' = 'succeeded' THEN r.value -> 'outputs' END,
                            CASE WHEN r.value ->> 'error' IS NOT NULL THEN r.value -> 'error' END,
                            r.value ->> 'reason', r.value ->> 'finished_at', r.value ->> 'duration_ms'
                        FROM element_batches b, json_each(b.records) r WHERE r.value ->> 'status' <> 'started';
                    DROP TABLE element_batches;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v2%' OR identifier LIKE 'v4%';
                    """)
        }
    }
}
