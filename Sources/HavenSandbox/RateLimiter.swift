import Synchronization

/// A token bucket over all keys: `rate` requests per second, bursts of up to one second's worth, refilled
/// by the sandbox's time (`SandboxConfiguration.now`).
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var last: Double
    }

    private let rate: Double
    private let now: @Sendable () -> Double
    private let bucket: Mutex<Bucket>

    init(rate: Double, now: @escaping @Sendable () -> Double) {
        self.rate = rate
        self.now = now
        bucket = Mutex(Bucket(tokens: max(rate, 1), last: now()))
    }

    /// Takes one token; `false` when the bucket is empty.
    func allow() -> Bool {
        let now = now()
        return bucket.withLock { bucket in
            let elapsed = max(0, now - bucket.last)
            bucket.tokens = min(max(rate, 1), bucket.tokens + elapsed * rate)
            bucket.last = max(bucket.last, now)
            guard bucket.tokens >= 1 else { return false }
            bucket.tokens -= 1
            return true
        }
    }
}
