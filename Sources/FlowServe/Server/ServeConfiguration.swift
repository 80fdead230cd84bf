import FlowRuntime

/// What `havenflow serve` (or `schedule --serve`) is asked to serve: where it listens, the bearer token a
/// non-loopback address needs, and the workflow files whose triggers `/schedules` lists.
public struct ServeConfiguration: Sendable {
    /// The address to bind: loopback (`127.0.0.1`, `::1`, `localhost`) needs no token, any other one does.
    public var host: String
    /// The port to bind; 0 picks a free one (read it back from `ServeServer.port`).
    public var port: Int
    /// The bearer token every request must present; required when `host` is not loopback.
    public var token: ServeToken?
    /// Workflow files or folders whose `on.schedule` triggers `/schedules` lists (`workflows` when empty).
    public var workflowPaths: [String]
    /// How many runs a page of the runs list shows.
    public var pageSize: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, token: ServeToken? = nil, workflowPaths: [String] = [],
        pageSize: Int = 50
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.workflowPaths = workflowPaths
        self.pageSize = pageSize
    }

    /// Whether `host` is a loopback address, which other hosts cannot reach.
    public var bindsLoopback: Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Refuses a non-loopback address without a token: anyone who can reach it could read the runs.
    public func check() throws(RuntimeError) {
        guard token == nil, !bindsLoopback else { return }
        throw RuntimeError(
            .invalid,
            "havenflow serve did not start: binding \(host), which other hosts can reach, needs a bearer token "
                + "(--token-file FILE, or HAVENFLOW_SERVE_TOKEN in the --secrets-file)")
    }
}
