import Foundation

/// Stopping and starting the test cluster, for tests of a database that goes away and comes back.
extension PostgresServer {
    /// Stops the server at once (`pg_ctl stop -m immediate`): connections drop, new ones are refused.
    public func stop() throws {
        try control(["-m", "immediate", "-w", "stop"], "stop")
    }

    /// Starts the stopped server again on the same data directory and port.
    public func start() throws {
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=1000"
        try control(["-l", directory + "/server.log", "-w", "-t", "60", "-o", options, "start"], "start")
    }

    private func control(_ arguments: [String], _ what: String) throws {
        let tool = "\(binaries)/pg_ctl"
        let command = ["-D", directory + "/data"] + arguments
        let result =
            getuid() == 0
            ? try Self.execute("/usr/sbin/runuser", ["-u", "postgres", "--", tool] + command)
            : try Self.execute(tool, command)
        guard result.status == 0 else {
            throw PostgresServerError("the test PostgreSQL's pg_ctl \(what) failed (exit \(result.status)): \(result.output)")
        }
    }
}
