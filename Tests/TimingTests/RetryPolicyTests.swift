import Testing
import Timing

/// One `RetryPolicy` for the workflow's `retry:` and the Haven client: one back-off formula.
@Suite struct RetryPolicyTests {
    @Test func theDefaultsAreAWorkflowsRetry() {
        let policy = RetryPolicy()
        #expect(policy.attempts == 1)
        #expect(policy.delay == .seconds(1))
        #expect(policy.backoff == .exponential)
        #expect(policy.maxDelay == .seconds(30))
        #expect(policy.jitter)
        #expect(policy.on == .transient)
        #expect(RetryPolicy.none == RetryPolicy(attempts: 1))
    }

    /// `random` is 1 where jitter is off, so the table shows the pause itself.
    @Test(arguments: [
        (RetryPolicy.Backoff.exponential, 1, 1.0, 100), (.exponential, 2, 1.0, 200), (.exponential, 3, 1.0, 400),
        (.exponential, 4, 1.0, 800), (.exponential, 5, 1.0, 1000), (.exponential, 60, 1.0, 1000),
        (.constant, 1, 1.0, 100), (.constant, 5, 1.0, 100), (.exponential, 3, 0.5, 200), (.exponential, 3, 0.0, 0),
        (.exponential, 0, 1.0, 100),
    ])
    func delays(backoff: RetryPolicy.Backoff, attempt: Int, random: Double, milliseconds: Int) {
        let policy = RetryPolicy(
            attempts: 5, delay: .milliseconds(100), backoff: backoff, maxDelay: .seconds(1), jitter: random != 1.0)
        #expect(policy.delay(afterAttempt: attempt, random: random) == .milliseconds(milliseconds))
    }

    @Test func jitterStaysWithinTheCeiling() {
        let policy = RetryPolicy(attempts: 5, delay: .milliseconds(100), maxDelay: .seconds(1))
        #expect(policy.delay(afterAttempt: 2, random: 0.25) == .milliseconds(50))
        #expect(policy.delay(afterAttempt: 2, random: 7) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 2, random: -1) == .zero)
    }
}
