import Dispatch
import FlowCore
import Foundation
import PostgresNIO
import Synchronization

/// The state store of several hosts: one PostgreSQL database holding what `SQLiteStateStore` holds for
/// one host — run history, step and `for_each` element records, run locks, the scheduler lease and fire
/// records — plus each run's events, so that any host may list, show, log, resume and schedule.
///
/// Same semantics as the SQLite store (the contract suite runs against both): every change is one
/// transaction; the engine's records are committed before the engine goes on (`SynchronousRunObserver`,
/// elements in group commits); locks and the scheduler lease are rows held under a lease (`LeaseClaim`).
/// The store connects on first use (`connect()`), applying the schema's migrations when the database
/// is behind and refusing one that is ahead, then marks the runs of dead processes on this host and the
/// runs whose lock's lease ran out on another host `interrupted` and frees their locks.
public final class PostgresStateStore: StateStore {
    /// Where the database is (no password).
    public let address: PostgresAddress
    let connections: PostgresConnections
    /// This process, as recorded in runs, locks and the scheduler lease.
    let process: ProcessIdentity
    /// The time leases are given and compared against.
    let clock: any SchedulerClock
    let recordingFailures = Mutex<[String]>([])
    /// The connection the engine's records go through.
    let recorder: PostgresRecorder
    /// The `for_each` element records, written in group commits on the recorder.
    let elementCommits: GroupCommit
    /// Each run's events, for `havenflow logs` on any host.
    let events: PostgresEventLog
    /// The first connection's work (migrations, the sweep), done once.
    private let opening = Mutex<Task<Void, any Error>?>(nil)

    public var location: String { address.description }

    public var recordingErrors: [String] {
        recordingFailures.withLock { $0 } + elementCommits.unwaitedFailures + events.errors
    }

    /// The store at `address`; nothing is connected until first used (or `connect()`). Its records are
    /// retried for `writeRetry` (nil: 30 s or `HAVENFLOW_STORE_RETRY`) while the database cannot be
    /// reached (`WriteRetry`).
    public init(
        address: PostgresAddress, process: ProcessIdentity = .current, clock: any SchedulerClock = SystemSchedulerClock(),
        writeRetry: Duration? = nil
    ) throws(StateStoreError) {
        self.address = address
        self.process = process
        self.clock = clock
        let pool = try PostgresConnections(address: address)
        connections = pool
        let retry = WriteRetry(location: address.description, bound: writeRetry ?? WriteRetry.defaultBound)
        let recorder = PostgresRecorder(
            location: address.description, retry: retry, reconnect: { try pool.connectWaiting() })
        self.recorder = recorder
        elementCommits = GroupCommit { loop in recorder.queue.async { loop { entries in try recorder.commit(entries) } } }
        events = PostgresEventLog(
            recorder: PostgresRecorder(location: address.description, retry: retry, reconnect: { try pool.connectWaiting() }))
    }

    /// Connects, migrates the schema (`migrations` are the versions this call applied) and sweeps the
    /// runs and locks of dead processes; later calls return at once. Every other call does it first.
    @discardableResult
    public func connect() async throws(StateStoreError) -> [String] {
        let task = opening.withLock { opening in
            if let opening { return (opening, false) }
            let task = Task { try await self.open() }
            opening = task
            return (task, true)
        }
        do {
            try await task.0.value
        } catch {
            opening.withLock { $0 = nil }
            throw storeError(error)
        }
        return task.1 ? appliedMigrations.withLock { $0 } : []
    }

    let appliedMigrations = Mutex<[String]>([])

    private func open() async throws {
        let applied = try await connections.withConnection { connection in try await Self.migrate(connection, location: location) }
        appliedMigrations.withLock { $0 = applied }
        try await openRecorder()
        try await sweep()
    }

    /// (Re)opens the connections the engine's records and the events' copies go through.
    func openRecorder() async throws {
        recorder.replace(with: try await connections.connect())
        events.recorder.replace(with: try await connections.connect())
    }

    /// Runs `body` on a connection of its own, connecting first, turning errors into `StateStoreError`.
    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws(StateStoreError) -> T {
        try await connect()
        do {
            return try await connections.withConnection(body)
        } catch {
            throw storeError(error)
        }
    }

    /// Runs `body` in one transaction on a connection of its own.
    func transaction<T>(_ body: (PostgresConnection) async throws -> T) async throws(StateStoreError) -> T {
        try await withConnection { connection in
            _ = try await connection.run("BEGIN")
            do {
                let value = try await body(connection)
                _ = try await connection.run("COMMIT")
                return value
            } catch {
                _ = try? await connection.run("ROLLBACK")
                throw error
            }
        }
    }

    /// The sentence the store's writes were lost with: the database could not be written for the retry
    /// bound (`WriteRetry`, docs/operations.md). A run that sees it stops as `interrupted`.
    public var writesLost: StateStoreError? { recorder.retry.lost }

    /// How long writes are retried while the database cannot be reached: 30 s, or `HAVENFLOW_STORE_RETRY`.
    public var writeRetryBound: Duration { recorder.retry.bound }

    /// Tells `listener` when the writes begin to fail and are retried, when they go through again, and
    /// when the bound ran out (`writesLost`); one listener, the run's.
    public func whenWritesFail(_ listener: @escaping @Sendable (StoreWriteEvent) -> Void) {
        recorder.retry.listen(listener)
    }

    /// Waits for what is queued behind the engine (elements not waited for, the events' copies).
    public func drain() async {
        for queue in [recorder.queue, events.recorder.queue] {
            await withCheckedContinuation { continuation in queue.async { continuation.resume() } }
        }
    }

    /// Waits for the element records still queued, then closes the connections.
    public func close() async {
        await drain()
        recorder.replace(with: nil)
        events.recorder.replace(with: nil)
        connections.closeAll()
    }

    deinit {
        recorder.replace(with: nil)
        events.recorder.replace(with: nil)
    }

    /// Marks `running` runs of dead processes on this host `interrupted` and frees their locks and their
    /// scheduler lease; and does the same for runs whose run lock's lease ran out (their host stopped
    /// renewing it: dead, or cut off), whichever host they ran on.
    func sweep() async throws {
        let host = process.host
        let now = clock.now.timeIntervalSince1970
        try await connections.withConnection { connection in
            _ = try await connection.run("BEGIN")
            do {
                for row in try await connection.run(
                    "SELECT id, pid, started FROM runs WHERE status = 'running' AND host = $1", [host]).rows
                {
                    let pid: Int32 = try row.value("pid")
                    guard !ProcessIdentity.isAlive(pid: pid, started: try row.value("started", as: String?.self)) else { continue }
                    try await Self.markInterrupted(connection, runID: try row.value("id"), pid: pid, host: host, at: now)
                }
                for (table, key) in [("locks", "workflow"), ("scheduler_lease", "id::text")] {
                    for row in try await connection.run("SELECT \(key) AS key, pid, started FROM \(table) WHERE host = $1", [host]).rows {
                        let pid: Int32 = try row.value("pid")
                        guard !ProcessIdentity.isAlive(pid: pid, started: try row.value("started", as: String?.self)) else { continue }
                        _ = try await connection.run("DELETE FROM \(table) WHERE \(key) = $1", [try row.value("key", as: String.self)])
                    }
                }
                for row in try await connection.run(
                    "DELETE FROM locks WHERE host <> $1 AND expires_at <= $2 RETURNING run_id, pid, host", [host, now]).rows
                {
                    try await Self.markInterrupted(
                        connection, runID: try row.value("run_id"), pid: try row.value("pid"), host: try row.value("host"), at: now)
                }
                _ = try await connection.run("COMMIT")
            } catch {
                _ = try? await connection.run("ROLLBACK")
                throw error
            }
        }
    }

    /// Marks `runID` `interrupted` (and its running steps) if it is still `running` in the process `pid`
    /// on `host`: that process is gone, or its lease ran out.
    static func markInterrupted(_ connection: PostgresConnection, runID: String, pid: Int32, host: String, at time: Double)
        async throws
    {
        let result = try await connection.run(
            """
            UPDATE runs SET status = 'interrupted', finished_at = COALESCE(finished_at, $1)
            WHERE id = $2 AND status = 'running' AND pid = $3 AND host = $4
            """, [time, runID, pid, host])
        guard result.changed > 0 else { return }
        _ = try await connection.run(
            "UPDATE steps SET status = 'interrupted' WHERE run_id = $1 AND status = 'running'", [runID])
    }

    /// `error` as the store's error: a sentence naming the database and what the server said.
    func storeError(_ error: any Error) -> StateStoreError {
        if let error = error as? StateStoreError { return error }
        return StateStoreError(.database("\(location): \(Self.describe(error))"))
    }

    /// What went wrong, as the server or the connection tells it (PSQLError's own description says
    /// little, by design).
    static func describe(_ error: any Error) -> String {
        if let error = error as? PostgresTransactionError {
            return describe(error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error)
        }
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        if error.code == .sslUnsupported {
            return "the server does not accept TLS connections, which the URL's sslmode asks for "
                + "(turn ssl on in postgresql.conf, or use sslmode=prefer or disable)"
        }
        if let underlying = error.underlying {
            let what = error.code == .connectionError ? "cannot connect" : "\(error.code)"
            return "\(what): \(describeConnecting(underlying))"
        }
        return "\(error.code)"
    }

    /// A failure to connect as the system says it (`connection refused`), not NIO's nested description.
    private static func describeConnecting(_ error: any Error) -> String {
        var error = error
        if let connecting = error as? NIOConnectionError, let last = connecting.connectionErrors.last?.error {
            error = last
        }
        guard let io = error as? IOError else { return "\(error)" }
        return String(cString: strerror(io.errnoCode)).lowercased() + " (errno \(io.errnoCode))"
    }
}
