import Foundation

extension PostgresServer {
    /// Stops the server at once (`pg_ctl stop -m immediate`, as a crash would): its connections break and
    /// new ones are refused until `start()`.
    public func stop() async throws {
        let arguments = ["-D", directory + "/data", "-m", "immediate", "-w", "stop"]
        try await Self.offThePool { try self.pgCtl(arguments, "stop") }
    }

    /// Starts the stopped server again on the same data directory and port.
    public func start() async throws {
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=1000"
        let arguments = ["-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "60", "-o", options, "start"]
        try await Self.offThePool { try self.pgCtl(arguments, "start") }
    }

    /// `pg_ctl arguments…`, as `postgres` when the tests run as root.
    private func pgCtl(_ arguments: [String], _ what: String) throws {
        let tool = binaries + "/pg_ctl"
        let result =
            getuid() == 0
            ? try Self.execute("/usr/sbin/runuser", ["-u", "postgres", "--", tool] + arguments)
            : try Self.execute(tool, arguments)
        guard result.status == 0 else {
            throw PostgresServerError("the test PostgreSQL's pg_ctl \(what) failed (exit \(result.status)): \(result.output)")
        }
    }
}
