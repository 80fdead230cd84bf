import GRDB

extension SQLiteStateStore {
    /// The schema, one versioned migration after another (never edit a registered migration: add one).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Times are seconds since 1970 (REAL); JSON columns hold rendered JSON text.
            try db.execute(
                sql: """
                    CREATE TABLE runs (
                        id TEXT PRIMARY KEY,
                        workflow TEXT NOT NULL,
                        file TEXT NOT NULL,
                        file_hash TEXT NOT NULL,
                        step_keys TEXT NOT NULL,
                        inputs TEXT NOT NULL,
                        status TEXT NOT NULL,
                        error TEXT,
                        started_at REAL NOT NULL,
                        finished_at REAL,
                        duration_ms INTEGER,
                        pid INTEGER NOT NULL,
                        host TEXT NOT NULL,
                        resumes INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX runs_by_workflow ON runs(workflow, started_at);
                    CREATE INDEX runs_by_start ON runs(started_at);
                    CREATE TABLE steps (
                        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                        key TEXT NOT NULL,
                        action TEXT NOT NULL,
                        status TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        outputs TEXT,
                        error TEXT,
                        reason TEXT,
                        items INTEGER,
                        is_finally INTEGER NOT NULL DEFAULT 0,
                        started_at REAL,
                        finished_at REAL,
                        duration_ms INTEGER,
                        PRIMARY KEY (run_id, key)
                    );
                    CREATE TABLE elements (
                        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                        step TEXT NOT NULL,
                        idx INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        outputs TEXT,
                        error TEXT,
                        reason TEXT,
                        finished_at REAL NOT NULL,
                        duration_ms INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (run_id, step, idx)
                    );
                    CREATE TABLE locks (
                        workflow TEXT PRIMARY KEY,
                        run_id TEXT NOT NULL,
                        pid INTEGER NOT NULL,
                        host TEXT NOT NULL,
                        acquired_at REAL NOT NULL
                    );
                    CREATE TABLE fires (
                        workflow TEXT NOT NULL,
                        trigger_index INTEGER NOT NULL,
                        scheduled_at REAL NOT NULL,
                        recorded_at REAL NOT NULL,
                        outcome TEXT NOT NULL,
                        run_id TEXT,
                        reason TEXT
                    );
                    CREATE INDEX fires_by_trigger ON fires(workflow, trigger_index, scheduled_at);
                    """)
        }
        migrator.registerMigration("v2: elements without rowid") { db in
            // An element's row is found by its key only, and written once per element: one B-tree (the
            // key's) instead of a rowid table plus a separate index for the key.
            try db.execute(
                sql: """
                    CREATE TABLE elements_v2 (
                        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                        step TEXT NOT NULL,
                        idx INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        outputs TEXT,
                        error TEXT,
                        reason TEXT,
                        finished_at REAL NOT NULL,
                        duration_ms INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (run_id, step, idx)
                    ) WITHOUT ROWID;
                    INSERT INTO elements_v2 SELECT run_id, step, idx, status, attempts, outputs, error, reason,
                        finished_at, duration_ms FROM elements;
                    DROP TABLE elements;
                    ALTER TABLE elements_v2 RENAME TO elements;
                    """)
        }
        migrator.registerMigration("v3: process start") { db in
            // Runs and locks also record when their process started, so a reused pid is not taken for them.
            try db.execute(
                sql: """
                    ALTER TABLE runs ADD COLUMN started TEXT;
                    ALTER TABLE locks ADD COLUMN started TEXT;
                    """)
        }
        migrator.registerMigration("v4: element batches") { db in
            // The elements committed together are one row per step (their records a JSON array, see
            // ElementEntry) rather than one row each: a large `for_each` writes a row per commit instead of
            // a B-tree entry per element. The latest record of an element (by id, then array position) counts.
            try db.execute(
                sql: """
                    CREATE TABLE element_batches (
                        id INTEGER PRIMARY KEY,
                        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                        step TEXT NOT NULL,
                        records TEXT NOT NULL
                    );
                    CREATE INDEX element_batches_by_step ON element_batches(run_id, step, id);
                    INSERT INTO element_batches (run_id, step, records)
                        SELECT run_id, step, json_group_array(json_object(
                            'index', idx, 'status', status, 'attempts', attempts, 'outputs', json(outputs),
                            'error', json(error), 'reason', reason, 'finished_at', finished_at,
                            'duration_ms', duration_ms))
                        FROM elements GROUP BY run_id, step;
                    DROP TABLE elements;
                    """)
        }
        migrator.registerMigration("v5: leases") { db in
            // Run locks are held under a lease their holder renews (seconds since 1970; NULL for a lock
            // taken before leases, held until its process is gone), and the scheduler's exclusivity is one
            // row holding the scheduler lease (`id` is always 1).
            try db.execute(
                sql: """
                    ALTER TABLE locks ADD COLUMN expires_at REAL;
                    CREATE TABLE scheduler_lease (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        pid INTEGER NOT NULL,
                        host TEXT NOT NULL,
                        started TEXT,
                        acquired_at REAL NOT NULL,
                        expires_at REAL NOT NULL
                    );
                    """)
        }
        return migrator
    }
}

extension SQLiteStateStore {
    public func status() async throws(StateStoreError) -> StoreStatus {
        let path = path
        return try await read { db in
            var byStatus: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM runs GROUP BY status") {
                byStatus[row["status"]] = row["n"]
            }
            return StoreStatus(
                backend: "sqlite", location: path, schemaVersion: try Self.migrator.appliedIdentifiers(db).count,
                knownVersion: Self.migrator.migrations.count, runs: byStatus.values.reduce(0, +), runsByStatus: byStatus,
                fires: try Int.fetchOne(db, sql: "SELECT count(*) FROM fires") ?? 0,
                locks: try Int.fetchOne(db, sql: "SELECT count(*) FROM locks") ?? 0)
        }
    }
}
