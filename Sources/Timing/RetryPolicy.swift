/// How often and how patiently a failed attempt is repeated: the workflow's `retry:` and the Haven
/// client's `Configuration.retry` are this one type.
///
/// The pause after failed attempt *n* is `delay`, doubled per attempt under `exponential` and capped at
/// `maxDelay`; with `jitter`, a uniformly random part of it ("full jitter"). The engine repeats a step
/// whose error `on` covers; the client repeats by its own rule (transient failures of calls that are
/// safe to repeat, throttling of the others: see docs/client.md) and ignores `on`.
public struct RetryPolicy: Sendable, Hashable {
    public enum Backoff: String, Sendable, Hashable, CaseIterable { case constant, exponential }
    public enum Scope: String, Sendable, Hashable, CaseIterable { case transient, any }

    /// Total attempts, at least 1; 1 means no retries.
    public var attempts: Int
    /// The pause after the first failed attempt (before jitter).
    public var delay: Duration
    public var backoff: Backoff
    /// The longest pause.
    public var maxDelay: Duration
    /// Whether the pause is a random part of the computed one.
    public var jitter: Bool
    /// Which errors the engine retries.
    public var on: Scope

    /// The defaults of a workflow's `retry:`: one attempt, 1 s doubling up to 30 s, with jitter, on
    /// transient errors.
    public init(
        attempts: Int = 1, delay: Duration = .seconds(1), backoff: Backoff = .exponential,
        maxDelay: Duration = .seconds(30), jitter: Bool = true, on: Scope = .transient
    ) {
        self.attempts = attempts
        self.delay = delay
        self.backoff = backoff
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.on = on
    }

    /// One attempt, no retries.
    public static let none = RetryPolicy(attempts: 1)

    /// The pause after failed attempt number `attempt` (1-based), `random` being a number in `0..<1`
    /// (used only with `jitter`).
    public func delay(afterAttempt attempt: Int, random: Double) -> Duration {
        var pause = delay
        if backoff == .exponential {
            for _ in 1..<max(1, attempt) {
                pause *= 2
                if pause >= maxDelay { break }
            }
        }
        pause = min(pause, maxDelay)
        guard jitter else { return pause }
        return pause * min(max(random, 0), 1)
    }
}
