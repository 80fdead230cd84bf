import Foundation

extension PostgresServer {
    /// Turns TLS on with a self-signed certificate made now (`openssl req -x509`, in the data directory),
    /// and from then on accepts TCP connections over TLS only (`hostssl` in pg_hba.conf): a client that
    /// connects at all is encrypted. Meant for a `dedicated()` server.
    public func enableTLS() async throws {
        try await Self.offThePool { try self.turnTLSOn() }
    }

    private func turnTLSOn() throws {
        let data = directory + "/data"
        try asPostgres("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-keyout", data + "/server.key", "-out", data + "/server.crt",
        ])
        try asPostgres("/bin/chmod", ["600", data + "/server.key"])
        let hba = """
            local all all trust
            hostssl all all 127.0.0.1/32 trust

            """
        do {
            try hba.write(toFile: data + "/pg_hba.conf", atomically: false, encoding: .utf8)
        } catch {
            throw PostgresServerError("cannot write the test cluster's pg_hba.conf: \(error.localizedDescription)")
        }
        try psqlNow("ALTER SYSTEM SET ssl = on")
        try psqlNow("SELECT pg_reload_conf()")
        // A reload is signalled, not waited for: a new session sees it once the server has read the files.
        var ssl = try psqlNow("SHOW ssl")
        for _ in 0..<100 where ssl != "on" {
            usleep(50_000)
            ssl = try psqlNow("SHOW ssl")
        }
        guard ssl == "on" else { throw PostgresServerError("the test PostgreSQL did not turn TLS on (ssl = \(ssl))") }
    }

    /// Runs `tool` as the cluster's owner (`postgres` when the tests run as root).
    private func asPostgres(_ tool: String, _ arguments: [String]) throws {
        let result =
            getuid() == 0
            ? try Self.execute("/usr/sbin/runuser", ["-u", "postgres", "--", tool] + arguments)
            : try Self.execute(tool, arguments)
        guard result.status == 0 else {
            throw PostgresServerError("\(tool) \(arguments.joined(separator: " ")) failed (exit \(result.status)): \(result.output)")
        }
    }
}
