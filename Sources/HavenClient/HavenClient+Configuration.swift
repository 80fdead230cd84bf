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
        /// Retries of transient failures (see ``RetryPolicy/havenClient``).
        public var retry: RetryPolicy
        /// Whether a `Retry-After` header (seconds) sets the least back-off before a retry.
        public var honorsRetryAfter: Bool
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
            retry: RetryPolicy = .havenClient,
            honorsRetryAfter: Bool = true,
            rateLimit: RateLimit? = nil,
            maxConnections: Int = 32,
            userAgent: String = "HavenFlow-HavenClient/1.0",
            maxResponseBytes: Int = 32 << 20
        ) {
            self.requestTimeout = requestTimeout
            self.deadline = deadline
            self.connectTimeout = connectTimeout
            self.retry = retry
            self.honorsRetryAfter = honorsRetryAfter
            self.rateLimit = rateLimit
            self.maxConnections = maxConnections
            self.userAgent = userAgent
            self.maxResponseBytes = maxResponseBytes
        }
    }
}

extension HavenClient.Configuration {
    /// The back-off after failed attempt `attempt`: the policy's (with full jitter when it has jitter),
    /// at least `retryAfter` when ``honorsRetryAfter``.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration {
        let delay = retry.delay(afterAttempt: attempt, random: Double.random(in: 0..<1))
        guard honorsRetryAfter, let retryAfter, retryAfter > delay else { return delay }
        return retryAfter
    }
}

extension RetryPolicy {
    /// The client's default: 4 attempts, 100 ms doubling up to 5 s, with full jitter.
    ///
    /// Idempotent calls (status, history, retrieve, list, job status and result, a delete's confirmation)
    /// are retried on every transient failure (``HavenError/isTransient``). Calls that change state
    /// (create, update, start, stop, a delete's first call) are retried only when the server refused them
    /// unprocessed (HTTP 429 or Haven 4030); whether to repeat them after an ambiguous failure is the
    /// caller's decision. The policy's `on` is the engine's and does not apply here.
    public static let havenClient = RetryPolicy(attempts: 4, delay: .milliseconds(100), maxDelay: .seconds(5))
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
    var timeAmount: TimeAmount {
        .nanoseconds(Int64(min(secondsValue, 9e9) * 1e9))
    }

    /// `100 ms`, `2 s`, `1.5 min`: for messages (``DurationText/spoken(_:)``).
    var spoken: String { DurationText.spoken(self) }
}
