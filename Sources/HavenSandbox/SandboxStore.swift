import GRDB
import JSONValue

/// The SQLite database behind the sandbox: a file in WAL mode, or memory. Each request's changes are
/// one transaction.
final class SandboxStore: Sendable {
    private let queue: DatabaseQueue

    init(path: String?) throws {
        var configuration = Configuration()
        configuration.label = "HavenSandbox"
        if let path {
            configuration.journalMode = .wal
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } else {
            queue = try DatabaseQueue(configuration: configuration)
        }
        try SandboxStore.migrator.migrate(queue)
    }

    func close() { try? queue.close() }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE connector (
                    name TEXT PRIMARY KEY, flavor TEXT NOT NULL, config TEXT NOT NULL, destination TEXT NOT NULL,
                    schedule TEXT, credentials TEXT, credentials_policy TEXT, description TEXT,
                    created_at REAL NOT NULL, schedule_cancelled INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE run (
                    token TEXT PRIMARY KEY, connector TEXT NOT NULL REFERENCES connector(name) ON DELETE CASCADE,
                    sequence INTEGER NOT NULL, queued_at REAL NOT NULL, duration REAL NOT NULL,
                    stop_requested_at REAL, outcome TEXT NOT NULL, destination TEXT);
                CREATE INDEX run_connector ON run(connector, sequence);
                CREATE TABLE text_index (
                    name TEXT PRIMARY KEY, flavor TEXT NOT NULL, description TEXT, created_at REAL NOT NULL);
                CREATE TABLE job (
                    id TEXT PRIMARY KEY, created_at REAL NOT NULL, started_at REAL NOT NULL,
                    finished_at REAL NOT NULL, actions TEXT NOT NULL);
                CREATE TABLE confirm_token (
                    token TEXT PRIMARY KEY, kind TEXT NOT NULL, resource TEXT NOT NULL,
                    key_fingerprint TEXT NOT NULL, expires_at REAL NOT NULL);
                """)
        }
        return migrator
    }

    /// Writes `changes` in one transaction.
    func write(_ changes: [Change]) throws {
        try queue.write { db in
            for change in changes { try SandboxStore.write(change, db) }
        }
    }

    private static func write(_ change: Change, _ db: Database) throws {
        switch change {
        case .saveConnector(let c):
            try db.cachedStatement(sql: """
                INSERT INTO connector (name, flavor, config, destination, schedule, credentials, credentials_policy,
                    description, created_at, schedule_cancelled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET flavor = excluded.flavor, config = excluded.config,
                    destination = excluded.destination, schedule = excluded.schedule, credentials = excluded.credentials,
                    credentials_policy = excluded.credentials_policy, description = excluded.description,
                    schedule_cancelled = excluded.schedule_cancelled
                """).execute(arguments: [
                    c.name, c.flavor, c.config.rendered(), c.destination.rendered(), c.schedule?.rendered(),
                    c.credentials?.rendered(), c.credentialsPolicy?.rendered(), c.description, c.createdAt,
                    c.scheduleCancelled,
                ])
        case .deleteConnector(let name):
            try db.cachedStatement(sql: "DELETE FROM run WHERE connector = ?").execute(arguments: [name])
            try db.cachedStatement(sql: "DELETE FROM connector WHERE name = ?").execute(arguments: [name])
        case .saveRun(let connector, let run):
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO run (token, connector, sequence, queued_at, duration, stop_requested_at, outcome,
                    destination) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    run.token, connector, run.sequence, run.queuedAt, run.duration, run.stopRequestedAt, run.outcome,
                    run.destination?.rendered(),
                ])
        case .saveIndex(let index):
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO text_index (name, flavor, description, created_at) VALUES (?, ?, ?, ?)")
                .execute(arguments: [index.name, index.flavor, index.description, index.createdAt])
        case .deleteIndex(let name):
            try db.cachedStatement(sql: "DELETE FROM text_index WHERE name = ?").execute(arguments: [name])
        case .saveJob(let job):
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO job (id, created_at, started_at, finished_at, actions) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [job.id, job.createdAt, job.startedAt, job.finishedAt, job.actionsJSON.rendered()])
        case .saveToken(let token):
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO confirm_token (token, kind, resource, key_fingerprint, expires_at) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [token.token, token.kind, token.resource, token.keyFingerprint, token.expiresAt])
        case .deleteToken(let token):
            try db.cachedStatement(sql: "DELETE FROM confirm_token WHERE token = ?").execute(arguments: [token])
        }
    }

    /// Everything in the database, as the in-memory state.
    func load() throws -> SandboxState {
        try queue.read { db in
            var state = SandboxState()
            for row in try Row.fetchAll(db, sql: "SELECT * FROM connector") {
                let record = ConnectorRecord(
                    name: row["name"], flavor: row["flavor"], config: json(row["config"]) ?? [:],
                    destination: json(row["destination"]) ?? [:], schedule: json(row["schedule"]),
                    credentials: json(row["credentials"]), credentialsPolicy: json(row["credentials_policy"]),
                    description: row["description"], createdAt: row["created_at"],
                    scheduleCancelled: row["schedule_cancelled"])
                state.connectors[record.name] = record
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY sequence") {
                let run = ConnectorRun(
                    token: row["token"], sequence: row["sequence"], queuedAt: row["queued_at"], duration: row["duration"],
                    stopRequestedAt: row["stop_requested_at"], outcome: row["outcome"], destination: json(row["destination"]))
                state.apply(.saveRun(connector: row["connector"], run))
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM text_index") {
                let index = IndexRecord(name: row["name"], flavor: row["flavor"], description: row["description"],
                                        createdAt: row["created_at"])
                state.indexes[index.name] = index
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM job") {
                let job = JobRecord(id: row["id"], createdAt: row["created_at"], startedAt: row["started_at"],
                                    finishedAt: row["finished_at"], actions: JobRecord.actions(from: json(row["actions"]) ?? []))
                state.jobs[job.id] = job
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM confirm_token") {
                let token = ConfirmToken(token: row["token"], kind: row["kind"], resource: row["resource"],
                                         keyFingerprint: row["key_fingerprint"], expiresAt: row["expires_at"])
                state.tokens[token.token] = token
            }
            return state
        }
    }
}

private func json(_ text: String?) -> JSON? {
    guard let text else { return nil }
    return try? JSON(parsing: text)
}
