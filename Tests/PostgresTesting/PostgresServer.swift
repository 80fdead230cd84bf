import Foundation

/// A throwaway PostgreSQL cluster for the tests (no mock database): one per test process, started on first
/// use and stopped when the process exits. `initdb` in a temporary directory (owned by the `postgres`
/// user when the tests run as root, since initdb refuses root), `pg_ctl start` on a free loopback port
/// with its unix socket in that directory, trust authentication on loopback but for one role that must
/// give a password (`passwordRole`, SCRAM). Each test takes a database of its own (`createDatabase`).
///
/// When the server cannot be started (PostgreSQL is not installed, say), `shared()` throws a sentence
/// saying why: the tests that need it fail rather than skip. `make test` installs Debian's `postgresql`.
public final class PostgresServer: Sendable {
    /// The loopback port the server listens on.
    public let port: Int
    /// The cluster's directory (data, socket and log).
    public let directory: String
    let binaries: String

    /// A role that logs in with a password only (SCRAM-SHA-256), for the tests of password sources.
    public static let passwordRole = "havenflow_pw"
    public static let password = "s3cret-Pa55 word"

    /// The server of this test process, started on first use.
    public static func shared() throws -> PostgresServer {
        try started.get()
    }

    private static let started = Result<PostgresServer, PostgresServerError> { () throws(PostgresServerError) in try start() }

    /// A cluster of its own, stopped when the process exits: for a test that stops and starts its server
    /// (`stop()`, `start()`), which must not take the shared one away from the tests running beside it.
    /// Made off the pool (`offThePool`): initdb takes seconds.
    public static func dedicated() async throws -> PostgresServer {
        try await offThePool { try start() }
    }

    /// Runs `body` (initdb, pg_ctl: seconds of waiting for a child process) on a thread of its own, and
    /// waits for it without holding one of Swift concurrency's threads — there are as many as cores, two
    /// here, and every test of the process running meanwhile needs them.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// A new, empty database owned by `postgres` (and usable by `passwordRole`); returns its name.
    public func createDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try psqlNow("CREATE DATABASE \(name)")
        _ = try psqlNow("GRANT ALL ON DATABASE \(name) TO \(Self.passwordRole)", database: name)
        _ = try psqlNow("GRANT ALL ON SCHEMA public TO \(Self.passwordRole)", database: name)
        return name
    }

    /// The URL of `database` as the superuser `postgres` (trusted on loopback).
    public func url(_ database: String, user: String = "postgres") -> String {
        "postgresql://\(user)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// A new database's URL.
    public func freshURL() throws -> String { url(try createDatabase()) }

    /// Runs `sql` with psql as `postgres` over the unix socket; returns its output (unaligned, tuples only).
    /// Off the pool (`offThePool`): tests poll with it while others need the pool's few threads.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") async throws -> String {
        try await Self.offThePool { try self.psqlNow(sql, database: database) }
    }

    /// `psql`, waiting for it on this thread (the cluster's own setup).
    @discardableResult
    func psqlNow(_ sql: String, database: String = "postgres") throws -> String {
        let result = try Self.execute(
            "\(binaries)/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", directory, "-p", "\(port)", "-U", "postgres",
             "-d", database, "-c", sql])
        guard result.status == 0 else {
            throw PostgresServerError("psql failed on \(sql): \(result.output)")
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private init(port: Int, directory: String, binaries: String) {
        self.port = port
        self.directory = directory
        self.binaries = binaries
    }

    // MARK: starting and stopping

    private static func start() throws(PostgresServerError) -> PostgresServer {
        guard let binaries = findBinaries() else {
            throw PostgresServerError(
                "PostgreSQL is not installed: no initdb and pg_ctl in /usr/lib/postgresql/*/bin or on the PATH "
                    + "(Debian: apt-get install postgresql; `make test` installs it)")
        }
        let directory = NSTemporaryDirectory() + "havenflow-pg-\(getpid())-\(UUID().uuidString.prefix(8))"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PostgresServerError("cannot create \(directory) for the test PostgreSQL: \(error.localizedDescription)")
        }
        let asRoot = getuid() == 0
        if asRoot {
            try run(["/bin/chown", "postgres:postgres", directory], "chown of the test cluster's directory to postgres")
        }
        let data = directory + "/data"
        try run(
            command(asRoot, "\(binaries)/initdb", [
                "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
            ]), "initdb")
        let hba = """
            local all all trust
            host all \(passwordRole) 127.0.0.1/32 scram-sha-256
            host all all 127.0.0.1/32 trust
            host all all ::1/128 trust

            """
        do {
            try hba.write(toFile: data + "/pg_hba.conf", atomically: false, encoding: .utf8)
        } catch {
            throw PostgresServerError("cannot write the test cluster's pg_hba.conf: \(error.localizedDescription)")
        }
        var lastError = PostgresServerError("the test PostgreSQL did not start")
        for _ in 0..<5 {
            let port = freePort()
            // fsync off: a test cluster thrown away at exit need not survive an OS crash.
            let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=1000"
            do {
                try run(
                    command(asRoot, "\(binaries)/pg_ctl", [
                        "-D", data, "-l", directory + "/server.log", "-w", "-t", "60", "-o", options, "start",
                    ]), "pg_ctl start")
            } catch {
                lastError = error
                continue
            }
            let server = PostgresServer(port: port, directory: directory, binaries: binaries)
            let first = running.withLock { running in
                running.append((binaries, data, asRoot, directory))
                return running.count == 1
            }
            if first { atexit { PostgresServer.stopAtExit() } }
            do {
                try server.psqlNow("CREATE ROLE \(passwordRole) LOGIN PASSWORD '\(password)'")
            } catch let error as PostgresServerError {
                throw error
            } catch {
                throw PostgresServerError("\(error)")
            }
            return server
        }
        throw lastError
    }

    /// What `stopAtExit` stops: the binaries, the data directory, whether through runuser, the directory.
    private static let running = LockedBox<[(String, String, Bool, String)]>([])

    private static func stopAtExit() {
        for (binaries, data, asRoot, directory) in running.withLock({ $0 }) {
            _ = try? execute(command(asRoot, "\(binaries)/pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]))
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// The directory of `initdb`, `pg_ctl` and `psql`: Debian's newest `/usr/lib/postgresql/N/bin`, else the PATH's.
    private static func findBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init)
        where ["initdb", "pg_ctl", "psql"].allSatisfy({ FileManager.default.isExecutableFile(atPath: "\(folder)/\($0)") }) {
            return folder
        }
        return nil
    }

    /// `tool arguments`, through `runuser -u postgres` when running as root.
    private static func command(_ asRoot: Bool, _ tool: String, _ arguments: [String]) -> [String] {
        asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--", tool] + arguments : [tool] + arguments
    }

    private static func run(_ command: [String], _ what: String) throws(PostgresServerError) {
        let result: (status: Int32, output: String)
        do {
            result = try execute(command[0], Array(command.dropFirst()))
        } catch {
            throw PostgresServerError("the test PostgreSQL's \(what) could not be started: \(error)")
        }
        guard result.status == 0 else {
            throw PostgresServerError("the test PostgreSQL's \(what) failed (exit \(result.status)): \(result.output)")
        }
    }

    private static func execute(_ command: [String]) throws -> (status: Int32, output: String) {
        try execute(command[0], Array(command.dropFirst()))
    }

    /// Runs `tool` and returns its status and its standard output and error together. Spawned and reaped
    /// here (`posix_spawn`, `waitpid`), not with Foundation's `Process`: `pg_ctl start` leaves a daemon
    /// behind, and Foundation at times never notices such a child's exit.
    static func execute(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = NSTemporaryDirectory() + "havenflow-pg-output-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw PostgresServerError("cannot start \(tool): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }

    /// A loopback TCP port nobody listens on now.
    private static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why the test PostgreSQL could not be used, as a sentence.
public struct PostgresServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// A value behind a lock (Foundation's `NSLock`, so this target needs nothing else).
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
