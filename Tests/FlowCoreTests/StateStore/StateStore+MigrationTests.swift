import FlowCore
import Foundation
import GRDB
import JSONValue
import Testing

@Suite("State store: schema migrations")
struct StateStoreMigrationTests {
    /// A database written before migration v2 (elements in a rowid table) keeps its element records, and
    /// the table becomes `WITHOUT ROWID`.
    @Test func elementsOfAVersionOneDatabaseSurviveTheMoveToWithoutRowid() async throws {
        let directory = temporaryStateDirectory()
        let store = try StateStore(directory: directory)
        let flow = workflow([step("each", "gate", [("value", value("${{ item }}"))], forEach: ForEach(items: .literal([1, 2, 3])))])
        _ = try await recordedRun(flow, store: store, actions: [GateAction(failing: [2])], runID: "old")
        try Self.downgradeElementsToVersionOne(store.path)

        let reopened = try StateStore(directory: directory)
        let elements = try reopened.elements(runID: "old", step: "each")
        #expect(elements.map(\.status) == ["succeeded", "failed", "succeeded"])
        #expect(elements.first?.outputs == ["value": 1, "doubled": 2])
        #expect(try Self.elementsTable(store.path)?.contains("WITHOUT ROWID") == true)
    }

    /// The `CREATE TABLE` statement of `elements`.
    private static func elementsTable(_ path: String) throws -> String? {
        try DatabaseQueue(path: path).read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'elements'")
        }
    }

    /// Rebuilds the `elements` table as migration v1 made it, with its rows, and forgets migration v2.
    private static func downgradeElementsToVersionOne(_ path: String) throws {
        try DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: """
                    CREATE TABLE elements_v1 (
                        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, step TEXT NOT NULL,
                        idx INTEGER NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                        outputs TEXT, error TEXT, reason TEXT, finished_at REAL NOT NULL,
                        duration_ms INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, step, idx));
                    INSERT INTO elements_v1 SELECT * FROM elements;
                    DROP TABLE elements;
                    ALTER TABLE elements_v1 RENAME TO elements;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v2%';
                    """)
        }
    }
}
