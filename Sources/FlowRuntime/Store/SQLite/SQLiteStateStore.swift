import FlowCore
import Foundation
import GRDB
import Synchronization

/// The state database, `STATE_DIR/state.sqlite` (SQLite in WAL mode): run history, step and `for_each`
/// element records (the resume checkpoints), per-workflow run locks, the scheduler lease and the
/// scheduler's fire records. The `StateStore` of one host.
///
/// Every change is one transaction, so a process killed at any moment leaves a consistent database.
/// Opening the store marks the runs of processes that are gone (on this host) `interrupted` and frees
/// their locks and scheduler lease. Several processes may use the same file at once.
public final class SQLiteStateStore: StateStore {
    /// The database file's path.
    public let path: String
    let database: DatabasePool
    /// This process, as recorded in runs, locks and the scheduler lease.
    let process: ProcessIdentity
    /// The time leases are given and compared against.
    let clock: any SchedulerClock
    let recordingFailures = Mutex<[String]>([])
    /// The `for_each` element records, written in group commits.
    let elementCommits: GroupCommit

    public var location: String { path }

    /// Events the store could not record (a full disk, say), as sentences; the run itself goes on.
    public var recordingErrors: [String] { recordingFailures.withLock { $0 } + elementCommits.unwaitedFailures }

    /// Opens (creating it and the directory when needed) `directory/state.sqlite`.
    public convenience init(
        directory: String, process: ProcessIdentity = .current, clock: any SchedulerClock = SystemSchedulerClock()
    ) throws(StateStoreError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StateStoreError(.open(path: directory, reason: error.localizedDescription))
        }
        try self.init(path: "\(directory)/state.sqlite", process: process, clock: clock)
    }

    /// Opens (creating it when needed) the database at `path`, migrates it to the current schema and
    /// sweeps the runs and locks of dead processes. `process` is who this store records as the owner of
    /// runs and leases; `clock` tells the time leases are measured in.
    public init(
        path: String, process: ProcessIdentity = .current, clock: any SchedulerClock = SystemSchedulerClock()
    ) throws(StateStoreError) {
        self.path = path
        self.process = process
        self.clock = clock
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "havenflow-state"
        configuration.prepareDatabase { db in
            // In WAL mode, NORMAL loses no committed transaction when the process dies; only an OS crash
            // may lose the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            elementCommits = GroupCommit { [database] loop in
                database.asyncWriteWithoutTransaction { db in loop { entries in try Self.commit(entries, db) } }
            }
            do {
                try Self.migrator.migrate(database)
            } catch {
                // Two processes opening a new database at once may both start the same migration (the
                // migrator reads what is applied outside the migration's transaction); the loser's
                // second look finds it applied by the winner.
                try Self.migrator.migrate(database)
            }
        } catch {
            throw StateStoreError(.open(path: path, reason: "\(error)"))
        }
        try sweepDeadProcesses()
    }

    /// Runs `body` in one immediate write transaction, turning database errors into `StateStoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StateStoreError) -> T {
        do {
            return try database.writeWithoutTransaction { db in try Self.immediateTransaction(db, body) }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// `write` without blocking the caller's thread while the database is busy.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StateStoreError) -> T {
        do {
            return try await database.writeWithoutTransaction { db in try Self.immediateTransaction(db, body) }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T>(_ body: (Database) throws -> T) throws(StateStoreError) -> T {
        do {
            return try database.read { db in try body(db) }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// `read` without blocking the caller's thread.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StateStoreError) -> T {
        do {
            return try await database.read { db in try body(db) }
        } catch {
            throw Self.storeError(error)
        }
    }

    private static func immediateTransaction<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        var result: T?
        try db.inTransaction(.immediate) {
            result = try body(db)
            return .commit
        }
        return result!
    }

    private static func storeError(_ error: any Error) -> StateStoreError {
        error as? StateStoreError ?? StateStoreError(.database("\(error)"))
    }

    /// Waits for the element records still queued, then closes the database.
    public func close() async {
        try? await database.writeWithoutTransaction { _ in }
        try? database.close()
    }

    /// Marks `running` runs of dead processes on this host `interrupted` and frees their locks and
    /// their scheduler lease.
    func sweepDeadProcesses() throws(StateStoreError) {
        let host = process.host
        let now = clock.now
        try write { db in
            let runs = try Row.fetchAll(
                db, sql: "SELECT id, pid, started FROM runs WHERE status = 'running' AND host = ?", arguments: [host])
            for row in runs where !ProcessIdentity.isAlive(pid: row["pid"], started: row["started"]) {
                try Self.markInterrupted(db, runID: row["id"], pid: row["pid"], host: host, at: now)
            }
            for table in ["locks", "scheduler_lease"] {
                let rows = try Row.fetchAll(db, sql: "SELECT rowid, pid, started FROM \(table) WHERE host = ?", arguments: [host])
                for row in rows where !ProcessIdentity.isAlive(pid: row["pid"], started: row["started"]) {
                    try db.execute(sql: "DELETE FROM \(table) WHERE rowid = ?", arguments: [row["rowid"] as Int64])
                }
            }
        }
    }

    /// Marks `runID` `interrupted` (and its running steps) if it is still `running` in the process `pid`
    /// on `host`: that process is gone, or its lease ran out.
    static func markInterrupted(_ db: Database, runID: String, pid: Int32, host: String, at time: Date) throws {
        try db.execute(
            sql: """
                UPDATE runs SET status = 'interrupted', finished_at = COALESCE(finished_at, ?)
                WHERE id = ? AND status = 'running' AND pid = ? AND host = ?
                """,
            arguments: [time.timeIntervalSince1970, runID, pid, host])
        guard db.changesCount > 0 else { return }
        try db.execute(
            sql: "UPDATE steps SET status = 'interrupted' WHERE run_id = ? AND status = 'running'", arguments: [runID])
    }
}
