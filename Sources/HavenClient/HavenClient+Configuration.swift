import NIOCore

extension HavenClient {
    /// How a client sends: timeouts, retries, rate limit and connection pool.
    public struct Configuration: Sendable {
        /// The longest one HTTP request may take, from sending to the last byte of the answer.
        public var requestTimeout: Duration
        /// The longest one call may take over all its attempts and back-off sleeps; `nil` for no limit
        /// beyond `retry.maxAttempts × requestTimeout`.
        public var deadline: Duration?
        /// The longest a new connection may take to open.
        public var connectTimeout: Duration
        /// Retries of transient failures (see ``RetryPolicy``).
        public var retry: RetryPolicy
        /// Requests per second across every caller of this client; `nil` for none.
        public var rateLimit: RateLimit?
        /// The size of the connection pool (HTTP/1 connections to the endpoint).
        public var maxConnections: Int
        /// The `User-Agent` header.
        public var userAgent: String
        /// The largest answer body read, in bytes.
        public var maxResponseBytes: Int

        public init(
            requestTimeout: Duration = .seconds(30),
            deadline: Duration? = nil,
            connectTimeout: Duration = .seconds(10),
            retry: RetryPolicy = .init(),
            rateLimit: RateLimit? = nil,
            maxConnections: Int = 32,
            userAgent: String = "HavenFlow-HavenClient/1.0",
            maxResponseBytes: Int = 32 << 20
        ) {
            self.requestTimeout = requestTimeout
            self.deadline = deadline
            self.connectTimeout = connectTimeout
            self.retry = retry
            self.rateLimit = rateLimit
            self.maxConnections = maxConnections
            self.userAgent = userAgent
            self.maxResponseBytes = maxResponseBytes
        }
    }
}

/// Retries of transient failures: exponential back-off with full jitter, capped, honouring `Retry-After`.
///
/// Idempotent calls (status, history, retrieve, list, job status and result, a delete's confirmation)
/// are retried on every transient failure (``HavenError/isTransient``). Calls that change state
/// (create, update, start, stop, a delete's first call) are retried only when the server refused them
/// unprocessed (HTTP 429 or Haven 4030); whether to repeat them after an ambiguous failure is the
/// caller's decision.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 means no retries.
    public var maxAttempts: Int
    /// The back-off before the first retry; it doubles with each retry.
    public var baseDelay: Duration
    /// The longest back-off.
    public var maxDelay: Duration
    /// Whether a `Retry-After` header (seconds) sets the least back-off.
    public var honorsRetryAfter: Bool

    public init(
        maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(5),
        honorsRetryAfter: Bool = true
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.honorsRetryAfter = honorsRetryAfter
    }

    /// One attempt, no retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The back-off before retry number `retry` (1 for the first): a random duration between zero and
    /// `min(maxDelay, baseDelay × 2^(retry-1))` ("full jitter"), at least `retryAfter` when honoured.
    public func delay(beforeRetry retry: Int, retryAfter: Duration? = nil) -> Duration {
        let exponent = Double(min(max(retry - 1, 0), 30))
        let ceiling = min(maxDelay.seconds, baseDelay.seconds * pow2(exponent))
        var delay = Duration.seconds(Double.random(in: 0...max(ceiling, 0)))
        if honorsRetryAfter, let retryAfter, retryAfter > delay { delay = retryAfter }
        return delay
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}

/// A client-side request rate: `requestsPerSecond` on average, up to `burst` at once.
public struct RateLimit: Sendable, Hashable {
    public var requestsPerSecond: Double
    public var burst: Int

    public init(requestsPerSecond: Double, burst: Int = 1) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = max(1, burst)
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    var timeAmount: TimeAmount {
        .nanoseconds(Int64(min(seconds, 9e9) * 1e9))
    }

    /// `0.25 s`, `2 s`, `1.5 min`: for messages.
    var spoken: String {
        let value = seconds
        if value >= 120 { return "\(Self.trim(value / 60)) min" }
        if value < 1 { return "\(Self.trim(value * 1000)) ms" }
        return "\(Self.trim(value)) s"
    }

    private static func trim(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }
}
