import FlowCore
import FlowRuntime
import Foundation
import PostgresTesting
import Testing

/// What only the PostgreSQL store has: its schema migrations, its address and password sources, the
/// sweep of runs whose lease ran out on another host. The rest is the contract suite's (`StoreBackend.all`).
@Suite("PostgreSQL state store")
struct PostgresStateStoreTests {
    static func open(_ url: String, environment: [String: String] = [:], secrets: [String: String] = [:]) async throws
        -> PostgresStateStore
    {
        let store = try PostgresStateStore(address: PostgresAddress(url: url, secrets: secrets, environment: environment))
        try await store.connect()
        return store
    }

    @Test func theFirstOpeningAppliesTheMigrationsAndLaterOnesNone() async throws {
        let server = try PostgresServer.shared()
        let database = try server.createDatabase()
        let store = try PostgresStateStore(address: PostgresAddress(url: server.url(database), environment: [:]))
        let applied = try await store.connect()
        #expect(applied.count == PostgresStateStore.schemaVersion)
        #expect(applied.first == "v1: runs, steps, elements, locks, scheduler lease, fires, fire claims, events")
        #expect(try await server.psql("SELECT max(version) FROM schema_migrations", database: database) == "\(PostgresStateStore.schemaVersion)")
        let again = try PostgresStateStore(address: PostgresAddress(url: server.url(database), environment: [:]))
        #expect(try await again.connect() == [])
    }

    @Test func hostsOpeningANewDatabaseAtOnceApplyEachMigrationOnce() async throws {
        let server = try PostgresServer.shared()
        let database = try server.createDatabase()
        let applied = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await PostgresStateStore(address: PostgresAddress(url: server.url(database), environment: [:])).connect()
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(applied.count == PostgresStateStore.schemaVersion)
        #expect(try await server.psql("SELECT count(*) FROM schema_migrations", database: database) == "\(PostgresStateStore.schemaVersion)")
    }

    @Test func aDatabaseMigratedByANewerHavenflowIsRefusedWithASentence() async throws {
        let server = try PostgresServer.shared()
        let url = try server.freshURL()
        _ = try await Self.open(url)
        let database = try #require(url.split(separator: "/").last?.split(separator: "?").first.map(String.init))
        try await server.psql("INSERT INTO schema_migrations (version, name) VALUES (99, 'v99: from the future')", database: database)
        let error = await #expect(throws: StateStoreError.self) { _ = try await Self.open(url) }
        let address = try PostgresAddress(url: url, environment: [:])
        #expect(
            error?.description
                == "cannot open the state database \(address): its schema is version 99, newer than this havenflow's "
                + "(version \(PostgresStateStore.schemaVersion)): it was migrated by a newer havenflow; upgrade havenflow on this host")
    }

    /// A role that must give its password logs in with it from `PGPASSWORD`, the secrets file or a pgpass
    /// file; without it, the error names the database and the server's refusal, never a password.
    @Test func thePasswordComesFromPGPASSWORDTheSecretsFileOrPgpass() async throws {
        let server = try PostgresServer.shared()
        let database = try server.createDatabase()
        let url = server.url(database, user: PostgresServer.passwordRole)
        let fromEnvironment = try await Self.open(url, environment: ["PGPASSWORD": PostgresServer.password])
        #expect(try await fromEnvironment.runs().isEmpty)
        let fromSecrets = try await Self.open(url, secrets: ["HAVENFLOW_STORE_PASSWORD": PostgresServer.password])
        try await fromSecrets.register(registration("r"))
        let pgpass = NSTemporaryDirectory() + "pgpass-\(UUID().uuidString)"
        try "127.0.0.1:\(server.port):*:\(PostgresServer.passwordRole):\(PostgresServer.password.replacingOccurrences(of: ":", with: "\\:"))\n"
            .write(toFile: pgpass, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pgpass)
        let fromPgpass = try await Self.open(url, environment: ["PGPASSFILE": pgpass])
        #expect(try await fromPgpass.runs().map(\.id) == ["r"])

        let error = await #expect(throws: StateStoreError.self) {
            _ = try await Self.open(url, environment: ["PGPASSWORD": "wrong"])
        }
        let text = error?.description ?? ""
        #expect(text.contains("postgresql://\(PostgresServer.passwordRole)@127.0.0.1:\(server.port)/\(database)"), "\(text)")
        #expect(text.contains("password authentication failed"), "\(text)")
        #expect(!text.contains("wrong") && !text.contains(PostgresServer.password))
    }

    @Test func aPasswordInTheURLIsUsedAndNeverShown() throws {
        let address = try PostgresAddress(url: "postgresql://ops:hunter2@db1:6543/flows?sslmode=require", environment: [:])
        #expect(address.description == "postgresql://ops@db1:6543/flows?sslmode=require")
        #expect(address.passwordSource == "the URL")
        #expect(PostgresAddress.masked("postgres://ops:hunter2@db1/flows") == "postgres://ops:***@db1/flows")
        let error = #expect(throws: StateStoreError.self) {
            _ = try PostgresAddress(url: "postgresql://ops:hunter2@db1/flows?sslmode=sometimes", environment: [:])
        }
        #expect(
            error?.description
                == "cannot open the state database postgresql://ops:***@db1/flows?sslmode=sometimes: sslmode 'sometimes' "
                + "is not one of disable, allow, prefer, require, verify-ca, verify-full")
    }

    @Test func anUnreachableDatabaseIsASentenceNamingIt() async throws {
        let error = await #expect(throws: StateStoreError.self) {
            _ = try await Self.open("postgresql://ops@127.0.0.1:1/flows?sslmode=disable")
        }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("state database error: postgresql://ops@127.0.0.1:1/flows?sslmode=disable: "), "\(text)")
    }

    /// A run whose lock's lease ran out on another host (its owner stopped renewing) is marked interrupted
    /// and its lock freed by the next store that opens, on any host.
    @Test func theNextHostToLookMarksARunWhoseLeaseRanOutInterrupted() async throws {
        let url = try PostgresServer.shared().freshURL()
        let start = Date()
        let remote = try PostgresStateStore(
            address: PostgresAddress(url: url, environment: [:]),
            process: ProcessIdentity(pid: deadPID, host: "elsewhere"))
        try await remote.register(registration("remote", workflow: "w"))
        _ = try await remote.acquireLock(workflow: "w", runID: "remote", lease: .milliseconds(1))
        try await Task.sleep(for: .milliseconds(20))
        let here = try await Self.open(url)
        #expect(try await here.run("remote").summary.status == .interrupted)
        #expect(try await here.run("remote").summary.finishedAt ?? .distantPast >= start)
        #expect(try await here.lockHolder(workflow: "w") == nil)
    }

    /// The server drops every connection (a restart, say): a record made then fails and is reported; the
    /// next async call (a lock's heartbeat) connects again, and records go on.
    @Test func recordingGoesOnAfterTheServerDroppedTheConnections() async throws {
        let server = try PostgresServer.shared()
        let database = try server.createDatabase()
        let store = try await Self.open(server.url(database))
        try await store.register(registration("r"))
        try await server.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
        var reconnected = false
        for _ in 0..<50 where !reconnected {
            reconnected = (try? await store.runs()) != nil
            if !reconnected { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(reconnected)
        store.recordSynchronously(
            RunEvent(runID: "r", kind: .stepStarted(step: "after", action: "log", name: nil, items: nil)))
        #expect(try await store.run("r").steps.map(\.key) == ["after"])
    }
}
