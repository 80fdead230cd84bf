import Synchronization

/// A token bucket over all keys: `rate` requests per second, bursts of up to one second's worth.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var last: ContinuousClock.Instant
    }

    private let rate: Double
    private let bucket: Mutex<Bucket>

    init(rate: Double) {
        self.rate = rate
        bucket = Mutex(Bucket(tokens: max(rate, 1), last: .now))
    }

    /// Takes one token; `false` when the bucket is empty.
    func allow() -> Bool {
        let now = ContinuousClock.now
        return bucket.withLock { bucket in
            let elapsed = (now - bucket.last).seconds
            bucket.tokens = min(max(rate, 1), bucket.tokens + elapsed * rate)
            bucket.last = now
            guard bucket.tokens >= 1 else { return false }
            bucket.tokens -= 1
            return true
        }
    }
}
