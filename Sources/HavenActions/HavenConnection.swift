import FlowCore
import HavenClient
import Synchronization

/// Where the Haven actions of one run send their calls: an endpoint, an API key and how to send.
///
/// The `HavenClient` is created on first use and shared by every step of the run (one connection pool,
/// one rate limiter); each action asks for it with its context (``client(for:)``), so that the requests
/// are counted per step and element. The owner of the connection calls ``shutdown()`` when the run ends.
public final class HavenConnection: Sendable {
    public let endpoint: String
    public let configuration: HavenClient.Configuration
    private let apiKey: String
    private let state = Mutex<State>(State())

    private struct State {
        var client: HavenClient?
        var closed = false
    }

    /// - Parameters:
    ///   - timeout: the longest one HTTP request may take.
    ///   - rateLimit: requests per second for all steps together, or `nil`.
    ///   - maxConnections: the size of the connection pool.
    public convenience init(
        endpoint: String, apiKey: String, timeout: Duration? = nil, rateLimit: Double? = nil,
        maxConnections: Int? = nil
    ) {
        var configuration = HavenClient.Configuration()
        if let timeout { configuration.requestTimeout = timeout }
        if let rateLimit, rateLimit > 0 {
            configuration.rateLimit = RateLimit(requestsPerSecond: rateLimit, burst: max(1, Int(rateLimit)))
        }
        if let maxConnections, maxConnections > 0 { configuration.maxConnections = maxConnections }
        self.init(endpoint: endpoint, apiKey: apiKey, configuration: configuration)
    }

    public init(endpoint: String, apiKey: String, configuration: HavenClient.Configuration) {
        self.endpoint = endpoint
        self.apiKey = apiKey
        self.configuration = configuration
    }

    /// The shared client, created on first use.
    public func client() throws -> HavenClient {
        try state.withLock { state in
            if state.closed { throw ActionFailure("the Haven connection was already shut down", transient: false) }
            if let client = state.client { return client }
            let client = HavenClient(endpoint: endpoint, apiKey: apiKey, configuration: configuration)
            state.client = client
            return client
        }
    }

    /// The shared client, reporting each HTTP request it sends for this step or element to `context.calls`
    /// (the `calls` of the run log's `item_finished` and `step_finished`, docs/run-log.md).
    public func client(for context: ActionContext) throws -> HavenClient {
        let calls = context.calls
        return try client().observed { calls.record(api: $0.api, outcome: $0.outcome, retry: $0.isRetry) }
    }

    /// Closes the client's connections, if one was created. Later calls to ``client()`` fail.
    public func shutdown() async throws {
        let client = state.withLock { state in
            state.closed = true
            defer { state.client = nil }
            return state.client
        }
        try await client?.shutdown()
    }
}
