import AsyncHTTPClient
import NIOCore

extension HavenClient {
    /// The configuration of the `HTTPClient` a client creates for itself (a shared one keeps its own):
    ///
    /// - a connection pool of `maxConnections` per host, and the connect timeout;
    /// - no redirects: one would resend the body, API key included, to wherever the server points;
    /// - no tracing spans: the client logs each request itself, and a span costs every request a second
    ///   parse of its URL and a dictionary of attributes, even with no tracer bootstrapped;
    /// - a request's head and body sent in one write (``FlushCoalescingHandler``) rather than two.
    static func httpConfiguration(for configuration: Configuration) -> HTTPClient.Configuration {
        var http = HTTPClient.Configuration()
        http.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, configuration.maxConnections))
        http.timeout = .init(connect: configuration.connectTimeout.timeAmount)
        http.redirectConfiguration = .disallow
        http.tracing.tracer = nil
        // The only hook AsyncHTTPClient offers into a connection's pipeline, despite its name.
        http.http1_1ConnectionDebugInitializer = FlushCoalescingHandler.install
        return http
    }
}
