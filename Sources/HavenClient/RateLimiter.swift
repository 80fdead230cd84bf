/// A token bucket shared by every caller of one client (a generic cell rate algorithm): requests go out
/// at most `requestsPerSecond` on average, `burst` of them back to back. Callers reserve a slot here and
/// sleep outside the actor until it comes, so the actor is never held while waiting.
actor RateLimiter {
    private let interval: Duration
    private let tolerance: Duration
    private var theoreticalArrival: ContinuousClock.Instant

    init(_ limit: RateLimit) {
        interval = .seconds(1 / max(limit.requestsPerSecond, 1e-6))
        tolerance = interval * (limit.burst - 1)
        theoreticalArrival = .now
    }

    /// Reserves the next slot and returns when it starts.
    func reserve() -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        if theoreticalArrival < now { theoreticalArrival = now }
        let slot = max(now, theoreticalArrival - tolerance)
        theoreticalArrival += interval
        return slot
    }

    /// Waits for the next slot; throws `CancellationError` when the task is cancelled meanwhile.
    nonisolated func acquire() async throws {
        let slot = await reserve()
        if slot > .now { try await Task.sleep(until: slot, clock: .continuous) }
    }
}
