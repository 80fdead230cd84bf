import FlowCore
import JSONValue
import Testing

@Suite("Engine: retry and timeout")
struct EngineRetryTests {
    @Test func transientFailuresAreRetriedWithBackoff() async {
        let clock = InstantClock()
        let policy = RetryPolicy(
            attempts: 4, delay: .seconds(1), backoff: .exponential, maxDelay: .seconds(30), jitter: false)
        let flow = workflow([step("a", "flaky", retry: policy)])
        let (outcome, recorder) = await execute(
            flow, actions: [FlakyAction(failures: 3)], options: EngineOptions(clock: clock))
        #expect(outcome.status == .succeeded)
        #expect(outcome.step("a")?.attempts == 4)
        #expect(outcome.step("a")?.outputs == ["attempt": 4])
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4)])
        let failures = await recorder.lines("attempt_failed")
        #expect(failures.map { $0["attempt"] } == [1, 2, 3])
        #expect(failures.map { $0["retry_in_ms"] } == [1000, 2000, 4000])
        #expect(failures.first?["error"] == ["message": "attempt 1 failed", "code": "5000"])
    }

    @Test func attemptsRunOutAndTheLastErrorStays() async {
        let policy = RetryPolicy(attempts: 2, delay: .milliseconds(10), backoff: .constant, jitter: false)
        let (outcome, recorder) = await execute(
            workflow([step("a", "flaky", retry: policy)]), actions: [FlakyAction(failures: 5)])
        #expect(outcome.step("a")?.status == .failed)
        #expect(outcome.step("a")?.attempts == 2)
        #expect(outcome.step("a")?.error?.message == "attempt 2 failed")
        #expect(await recorder.lines("attempt_failed").map { $0["retry_in_ms"] } == [10, JSON.null])
    }

    @Test func permanentFailuresAreNotRetriedUnlessOnAny() async {
        let transientOnly = RetryPolicy(attempts: 3, delay: .milliseconds(1), jitter: false)
        var any = transientOnly
        any.on = .any
        let flaky = FlakyAction(failures: 1, transient: false)
        let (first, _) = await execute(workflow([step("a", "flaky", retry: transientOnly)]), actions: [flaky])
        #expect(first.step("a")?.attempts == 1)
        #expect(first.step("a")?.status == .failed)
        let (second, _) = await execute(workflow([step("a", "flaky", retry: any)]), actions: [flaky])
        #expect(second.step("a")?.attempts == 2)
        #expect(second.step("a")?.status == .succeeded)
    }

    @Test(arguments: [
        (RetryPolicy.Backoff.exponential, 1, 1.0, 1000), (.exponential, 2, 1.0, 2000), (.exponential, 3, 1.0, 4000),
        (.exponential, 10, 1.0, 30000), (.constant, 5, 1.0, 1000), (.exponential, 3, 0.5, 2000),
        (.exponential, 3, 0.0, 0),
    ])
    func backoffDelays(backoff: RetryPolicy.Backoff, attempt: Int, random: Double, milliseconds: Int) {
        let policy = RetryPolicy(
            attempts: 20, delay: .seconds(1), backoff: backoff, maxDelay: .seconds(30), jitter: random != 1.0)
        #expect(policy.delay(afterAttempt: attempt, random: random) == .milliseconds(milliseconds))
    }

    @Test(.timeLimit(.minutes(1)))
    func timedOutAttemptsAreTransientFailuresAndCancelTheAction() async {
        let slow = SlowAction()
        let policy = RetryPolicy(attempts: 2, delay: .milliseconds(1), jitter: false)
        let flow = workflow([step("a", "slow", [("ms", .literal(60_000))], retry: policy, timeout: .milliseconds(20))])
        let (outcome, recorder) = await execute(flow, actions: [slow])
        #expect(outcome.step("a")?.status == .failed)
        #expect(outcome.step("a")?.attempts == 2)
        #expect(outcome.step("a")?.error?.message == "step 'a': the attempt timed out after 20ms")
        #expect(outcome.step("a")?.error?.code == "timeout")
        #expect(slow.cancelled == 2)
        #expect(await recorder.lines("attempt_failed").count == 2)
    }

    struct Throttled: Error, TransientCheckable, CustomStringConvertible {
        var isTransient: Bool { true }
        var description: String { "throttled" }
    }

    struct ThrowsCheckable: Action {
        var declaration: ActionDeclaration { ActionDeclaration(name: "throttled", summary: "x", changesState: false) }
        func run(_ input: JSON, context: ActionContext) async throws -> JSON {
            if context.attempt == 1 { throw Throttled() }
            return ["ok": true]
        }
    }

    @Test func transientCheckableErrorsAreRetried() async {
        let policy = RetryPolicy(attempts: 2, delay: .milliseconds(1))
        let (outcome, _) = await execute(
            workflow([step("a", "throttled", retry: policy)]), actions: [ThrowsCheckable()])
        #expect(outcome.step("a")?.status == .succeeded)
        #expect(outcome.step("a")?.attempts == 2)
    }

    @Test func elementsRetryOnTheirOwn() async {
        let policy = RetryPolicy(attempts: 3, delay: .milliseconds(1), jitter: false)
        let flow = workflow([
            step("each", "flaky", forEach: ForEach(items: .literal([1, 2, 3]), concurrency: 2), retry: policy)
        ])
        let (outcome, recorder) = await execute(flow, actions: [FlakyAction(failures: 2)])
        #expect(outcome.step("each")?.elements?.map(\.attempts) == [3, 3, 3])
        #expect(outcome.step("each")?.attempts == 9)
        #expect(await recorder.lines("attempt_failed").count == 6)
        #expect(await recorder.lines("item_finished").allSatisfy { $0["attempts"] == 3 })
    }
}
