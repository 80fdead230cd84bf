import AsyncHTTPClient
import JSONValue
import Logging
import NIOCore

/// A client of the Haven OnDemand API (`/1/api/{sync,async}/<api>/v1`, `/1/job/...`) for any endpoint.
///
/// One client serves any number of concurrent callers: it holds a connection pool sized by
/// ``Configuration/maxConnections`` and, when ``Configuration/rateLimit`` is set, one rate limiter that
/// all callers share. Call ``shutdown()`` when done with a client that created its own `HTTPClient`.
///
/// The API key is sent in the body of POST requests and in the query of the few GET requests (job
/// status and result). It never appears in a log line, an error or a description.
public final class HavenClient: Sendable {
    /// The base URL, without a trailing slash, e.g. `http://127.0.0.1:8080`.
    public let endpoint: String
    public let configuration: Configuration
    let apiKey: APIKey
    let httpClient: HTTPClient
    let ownsHTTPClient: Bool
    let logger: Logger
    let rateLimiter: RateLimiter?
    /// Told of every HTTP request this client sends (``observed(by:)``); `nil` for none.
    let observer: HavenRequestObserver?

    /// A client with its own `HTTPClient`, whose connection pool holds up to `configuration.maxConnections`
    /// connections per host; call ``shutdown()`` when done.
    public convenience init(
        endpoint: String, apiKey: String, configuration: Configuration = .init(), logger: Logger? = nil
    ) {
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: Self.httpConfiguration(for: configuration))
        self.init(endpoint: endpoint, apiKey: apiKey, configuration: configuration, logger: logger,
                  httpClient: client, owned: true)
    }

    /// A client that sends through a shared `httpClient`, which the caller shuts down.
    public convenience init(
        endpoint: String, apiKey: String, configuration: Configuration = .init(), logger: Logger? = nil,
        httpClient: HTTPClient
    ) {
        self.init(endpoint: endpoint, apiKey: apiKey, configuration: configuration, logger: logger,
                  httpClient: httpClient, owned: false)
    }

    private init(
        endpoint: String, apiKey: String, configuration: Configuration, logger: Logger?,
        httpClient: HTTPClient, owned: Bool
    ) {
        var trimmed = endpoint
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.endpoint = trimmed
        self.apiKey = APIKey(apiKey)
        self.configuration = configuration
        self.httpClient = httpClient
        self.ownsHTTPClient = owned
        self.logger = logger ?? Logger(label: "havenflow.client", factory: { _ in SwiftLogNoOpLogHandler() })
        self.rateLimiter = configuration.rateLimit.map(RateLimiter.init)
        self.observer = nil
    }

    private init(_ client: HavenClient, observer: @escaping HavenRequestObserver) {
        endpoint = client.endpoint
        apiKey = client.apiKey
        configuration = client.configuration
        httpClient = client.httpClient
        ownsHTTPClient = false
        logger = client.logger
        rateLimiter = client.rateLimiter
        self.observer = observer
    }

    /// This client — its connection pool, rate limiter and configuration — reporting each HTTP request it
    /// sends to `observer` (see ``HavenRequestReport``): one per step of a workflow, say, to count that
    /// step's calls. Cheap to make; shutting it down does nothing (shut down this client).
    public func observed(by observer: @escaping HavenRequestObserver) -> HavenClient {
        HavenClient(self, observer: observer)
    }

    /// Closes the connections of a client that created its own `HTTPClient`; does nothing for a shared one.
    public func shutdown() async throws {
        if ownsHTTPClient { try await httpClient.shutdown() }
    }
}

/// The API key, which prints, dumps and reflects as `***`.
struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: String
    init(_ value: String) { self.value = value }
    var description: String { "***" }
    var debugDescription: String { "***" }
    var customMirror: Mirror { Mirror(self, children: []) }

    /// `text` with every occurrence of the key, plain or percent-encoded, replaced by `***`.
    func scrub(_ text: String) -> String {
        guard !value.isEmpty else { return text }
        var result = text.replacing(value, with: "***")
        let encoded = HavenParameters.percentEncoded(value)
        if encoded != value { result = result.replacing(encoded, with: "***") }
        return result
    }

    /// Every string in `json` scrubbed.
    func scrub(_ json: JSON) -> JSON {
        switch json {
        case .string(let text): .string(scrub(text))
        case .array(let elements): .array(elements.map(scrub))
        case .object(let members): .object(members.mapValues(scrub))
        case .null, .bool, .number: json
        }
    }

    /// The error with the key removed from what the server or the network layer said (a server may echo it).
    func scrub(_ error: HavenError) -> HavenError {
        guard !value.isEmpty else { return error }
        var clean = error
        clean.reason = error.reason.map(scrub)
        clean.detail = error.detail.map(scrub)
        clean.message = error.message.map(scrub)
        return clean
    }
}

extension HavenClient: CustomStringConvertible, CustomReflectable {
    /// `HavenClient(http://127.0.0.1:8080)`: the endpoint, never the key.
    public var description: String { "HavenClient(\(endpoint))" }
    public var customMirror: Mirror {
        Mirror(self, children: ["endpoint": endpoint, "configuration": configuration], displayStyle: .class)
    }
}
