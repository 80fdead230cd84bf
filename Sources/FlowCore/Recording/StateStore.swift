import Foundation
import GRDB
import Synchronization

/// The state database, `STATE_DIR/state.sqlite` (SQLite in WAL mode): run history, step and `for_each`
/// element records (the resume checkpoints), per-workflow run locks and the scheduler's fire records.
///
/// Every change is one transaction, so a process killed at any moment leaves a consistent database.
/// Opening the store marks the runs of processes that are gone (on this host) `interrupted` and frees
/// their locks. Several processes may use the same file at once.
public final class StateStore: Sendable {
    /// The database file's path.
    public let path: String
    let database: DatabasePool
    /// This process, as recorded in runs and locks.
    let process: ProcessIdentity
    let recordingFailures = Mutex<[String]>([])
    /// The `for_each` element records, written in group commits.
    let elementCommits: GroupCommit

    /// Events the store could not record (a full disk, say), as sentences; the run itself goes on.
    public var recordingErrors: [String] { recordingFailures.withLock { $0 } + elementCommits.unwaitedFailures }

    /// Opens (creating it and the directory when needed) `directory/state.sqlite`.
    public convenience init(directory: String) throws(StateStoreError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StateStoreError(.open(path: directory, reason: error.localizedDescription))
        }
        try self.init(path: "\(directory)/state.sqlite")
    }

    /// Opens (creating it when needed) the database at `path`, migrates it to the current schema and
    /// sweeps the runs and locks of dead processes.
    public init(path: String, process: ProcessIdentity = .current) throws(StateStoreError) {
        self.path = path
        self.process = process
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
            elementCommits = GroupCommit(database: database)
            try Self.migrator.migrate(database)
        } catch {
            throw StateStoreError(.open(path: path, reason: "\(error)"))
        }
        try sweepDeadProcesses()
    }

    /// Runs `body` in one immediate write transaction, turning database errors into `StateStoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StateStoreError) -> T {
        do {
            var result: T?
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
            }
            return result!
        } catch let error as StateStoreError {
            throw error
        } catch {
            throw StateStoreError(.database("\(error)"))
        }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T>(_ body: (Database) throws -> T) throws(StateStoreError) -> T {
        do {
            return try database.read { db in try body(db) }
        } catch let error as StateStoreError {
            throw error
        } catch {
            throw StateStoreError(.database("\(error)"))
        }
    }

    /// Marks `running` runs of dead processes on this host `interrupted` and frees their locks.
    func sweepDeadProcesses() throws(StateStoreError) {
        let host = process.host
        try write { db in
            let runs = try Row.fetchAll(
                db, sql: "SELECT id, pid, started FROM runs WHERE status = 'running' AND host = ?", arguments: [host])
            for row in runs where !ProcessIdentity.isAlive(pid: row["pid"], started: row["started"]) {
                try db.execute(
                    sql: "UPDATE runs SET status = 'interrupted', finished_at = COALESCE(finished_at, ?) WHERE id = ?",
                    arguments: [Date().timeIntervalSince1970, row["id"] as String])
                try db.execute(
                    sql: "UPDATE steps SET status = 'interrupted' WHERE run_id = ? AND status = 'running'",
                    arguments: [row["id"] as String])
            }
            let locks = try Row.fetchAll(db, sql: "SELECT workflow, pid, started FROM locks WHERE host = ?", arguments: [host])
            for row in locks where !ProcessIdentity.isAlive(pid: row["pid"], started: row["started"]) {
                try db.execute(sql: "DELETE FROM locks WHERE workflow = ?", arguments: [row["workflow"] as String])
            }
        }
    }
}
