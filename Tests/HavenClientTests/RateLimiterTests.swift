import Testing

@testable import HavenClient

/// The client's token bucket (burst 1) hands out slots at least 1/R apart, however long the reservations
/// take: the spacing is asserted on the slots, not on elapsed time.
@Suite struct RateLimiterTests {
    @Test(arguments: [40.0, 10.0, 1000.0])
    func slotsAreSpacedByTheRate(rate: Double) async {
        let limiter = RateLimiter(RateLimit(requestsPerSecond: rate))
        var slots: [ContinuousClock.Instant] = []
        for _ in 0..<16 { slots.append(await limiter.reserve()) }
        let interval = Duration.seconds(1 / rate)
        for (earlier, later) in zip(slots, slots.dropFirst()) {
            #expect(later - earlier >= interval, "slots \(earlier) and \(later) are closer than \(interval)")
        }
    }
}
