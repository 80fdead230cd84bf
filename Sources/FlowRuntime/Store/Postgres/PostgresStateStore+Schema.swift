import Foundation
import PostgresNIO

/// The schema, one versioned migration after another in `schema_migrations` (never edit a listed
/// migration: add one). Applied in one transaction under an advisory lock, so that hosts opening a new
/// database at once apply each migration once; a database whose version is above the last one listed
/// here (written by a newer havenflow) is refused.
extension PostgresStateStore {
    /// Times are seconds since 1970 (`double precision`), JSON columns hold rendered JSON text: the same
    /// values as the SQLite store's, read back by the same code (`StoredRecords`).
    static let migrations: [(version: Int, name: String, sql: String)] = [
        (
            1, "v1: runs, steps, elements, locks, scheduler lease, fires, fire claims, events",
            """
            CREATE TABLE runs (
                id text PRIMARY KEY,
                seq bigserial,
                workflow text NOT NULL,
                file text NOT NULL,
                file_hash text NOT NULL,
                step_keys text NOT NULL,
                inputs text NOT NULL,
                status text NOT NULL,
                error text,
                started_at double precision NOT NULL,
                finished_at double precision,
                duration_ms bigint,
                pid integer NOT NULL,
                host text NOT NULL,
                started text,
                resumes bigint NOT NULL DEFAULT 0
            );
            CREATE INDEX runs_by_workflow ON runs (workflow, started_at);
            CREATE INDEX runs_by_start ON runs (started_at);
            CREATE TABLE steps (
                run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                key text NOT NULL,
                action text NOT NULL,
                status text NOT NULL,
                attempts bigint NOT NULL DEFAULT 0,
                outputs text,
                error text,
                reason text,
                items bigint,
                is_finally boolean NOT NULL DEFAULT false,
                started_at double precision,
                finished_at double precision,
                duration_ms bigint,
                PRIMARY KEY (run_id, key)
            );
            CREATE TABLE element_batches (
                id bigserial PRIMARY KEY,
                run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                step text NOT NULL,
                records text NOT NULL
            );
            CREATE INDEX element_batches_by_step ON element_batches (run_id, step, id);
            CREATE TABLE locks (
                workflow text PRIMARY KEY,
                run_id text NOT NULL,
                pid integer NOT NULL,
                host text NOT NULL,
                started text,
                acquired_at double precision NOT NULL,
                expires_at double precision
            );
            CREATE TABLE scheduler_lease (
                id integer PRIMARY KEY CHECK (id = 1),
                pid integer NOT NULL,
                host text NOT NULL,
                started text,
                acquired_at double precision NOT NULL,
                expires_at double precision NOT NULL
            );
            CREATE TABLE fires (
                id bigserial PRIMARY KEY,
                workflow text NOT NULL,
                trigger_index bigint NOT NULL,
                scheduled_at double precision NOT NULL,
                recorded_at double precision NOT NULL,
                outcome text NOT NULL,
                run_id text,
                reason text,
                host text
            );
            CREATE INDEX fires_by_trigger ON fires (workflow, trigger_index, scheduled_at);
            CREATE TABLE fire_claims (
                workflow text NOT NULL,
                trigger_index bigint NOT NULL,
                scheduled_at double precision NOT NULL,
                host text NOT NULL,
                pid integer NOT NULL,
                claimed_at double precision NOT NULL,
                PRIMARY KEY (workflow, trigger_index, scheduled_at)
            );
            CREATE TABLE events (
                id bigserial PRIMARY KEY,
                run_id text NOT NULL,
                line text NOT NULL
            );
            CREATE INDEX events_by_run ON events (run_id, id);
            """
        ),
        (
            2, "v2: fire claims with a lease and a run (a stopped scheduler's claims are taken over)",
            // Claims made before this version have no lease: they count as ended, never taken over.
            """
            ALTER TABLE fire_claims ADD COLUMN expires_at double precision;
            ALTER TABLE fire_claims ADD COLUMN run_id text;
            CREATE INDEX fire_claims_open ON fire_claims (expires_at) WHERE expires_at IS NOT NULL
            """
        ),
    ]

    /// The newest schema version this binary knows.
    public static var schemaVersion: Int { migrations.last?.version ?? 0 }

    /// A key of `pg_advisory_xact_lock` for migrations ("havenflow" in ASCII, truncated).
    private static let migrationLock = 0x6861_7665_6e66_6c6f

    /// Applies the migrations `connection`'s database lacks, in one transaction; returns their names.
    static func migrate(_ connection: PostgresConnection, location: String) async throws -> [String] {
        _ = try await connection.run("BEGIN")
        do {
            _ = try await connection.run("SELECT pg_advisory_xact_lock($1)", [migrationLock])
            _ = try await connection.run(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let current = try await version(connection)
            if current > schemaVersion {
                throw StateStoreError(
                    .open(
                        path: location,
                        reason: "its schema is version \(current), newer than this havenflow's (version \(schemaVersion)): "
                            + "it was migrated by a newer havenflow; upgrade havenflow on this host"))
            }
            var applied: [String] = []
            for migration in migrations where migration.version > current {
                // One statement at a time (the extended protocol takes one per query).
                for statement in migration.sql.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) })
                where !statement.isEmpty {
                    _ = try await connection.run(PostgresQuery(unsafeSQL: statement))
                }
                _ = try await connection.run(
                    "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name])
                applied.append(migration.name)
            }
            _ = try await connection.run("COMMIT")
            return applied
        } catch {
            _ = try? await connection.run("ROLLBACK")
            throw error
        }
    }

    /// The database's schema version (0: none yet).
    static func version(_ connection: PostgresConnection) async throws -> Int {
        try await connection.run("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations").rows.first?
            .value("version", as: Int.self) ?? 0
    }
}

extension PostgresStateStore {
    public func status() async throws(StateStoreError) -> StoreStatus {
        try await withConnection { connection in
            var byStatus: [String: Int] = [:]
            for row in try await connection.run("SELECT status, count(*) AS n FROM runs GROUP BY status").rows {
                byStatus[try row.value("status")] = try row.value("n", as: Int.self)
            }
            return StoreStatus(
                backend: "postgresql", location: location, schemaVersion: try await Self.version(connection),
                knownVersion: Self.schemaVersion, runs: byStatus.values.reduce(0, +), runsByStatus: byStatus,
                fires: try await Self.count("fires", connection), locks: try await Self.count("locks", connection))
        }
    }

    private static func count(_ table: String, _ connection: PostgresConnection) async throws -> Int {
        // unsafeSQL: an interpolated literal would bind the table's name as `$1`.
        try await connection.run(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(table)")).rows.first?
            .value("n", as: Int.self) ?? 0
    }
}
