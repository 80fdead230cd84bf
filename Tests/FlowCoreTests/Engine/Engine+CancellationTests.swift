import FlowCore
import JSONValue
import Testing

/// Presses Ctrl-C when it sees a given event (twice, `stopNow()`, with `now`).
actor CancelOnEvent: RunObserver {
    let cancellation: RunCancellation
    let trigger: String
    let now: Bool

    init(_ cancellation: RunCancellation, on trigger: String, now: Bool = false) {
        self.cancellation = cancellation
        self.trigger = trigger
        self.now = now
    }

    func record(_ event: RunEvent) async {
        let line = event.json()
        var name = line["event"]?.stringValue ?? ""
        if let step = line["step"]?.stringValue { name += ":\(step)" }
        if let index = line["index"]?.intValue { name += "[\(index)]" }
        if name == trigger { now ? cancellation.stopNow() : cancellation.cancel() }
    }
}

@Suite("Engine: interruption")
struct EngineCancellationTests {
    func run(_ flow: Workflow, _ actions: [any Action], cancelOn trigger: String, grace: Duration) async
        -> (RunOutcome, EventRecorder)
    {
        let cancellation = RunCancellation()
        let recorder = EventRecorder()
        let options = EngineOptions(cancellation: cancellation, gracePeriod: grace, clock: InstantClock())
        let engine = Engine(
            registry: ActionRegistry(CoreActions.all + actions),
            observers: [recorder, CancelOnEvent(cancellation, on: trigger)], options: options)
        return (await engine.run(flow, inputs: [:]), recorder)
    }

    @Test(.timeLimit(.minutes(1)))
    func inFlightActionIsCancelledAfterTheGracePeriodThenFinallyRuns() async {
        let slow = SlowAction()
        let flow = workflow(
            [step("a", "slow", [("ms", .literal(60_000))]), step("b", "log", [("message", .literal("never"))])],
            finally: [step("f", "log", [("message", value("finally ${{ run.status }}"))])])
        let (outcome, recorder) = await run(flow, [slow], cancelOn: "step_started:a", grace: .milliseconds(20))
        #expect(outcome.status == .interrupted)
        #expect(outcome.statuses == ["a=failed", "b=skipped", "f=succeeded"])
        #expect(outcome.step("a")?.error?.message == "step 'a': interrupted (the action was cancelled)")
        #expect(outcome.step("b")?.skipReason == .interrupted)
        #expect(slow.cancelled == 1)
        #expect(await recorder.lines("output").map { $0["message"] } == ["finally interrupted"])
        #expect(await recorder.lines("run_finished").first?["status"] == "interrupted")
        let finished = await recorder.lines("step_finished")
        #expect(finished.map { $0["status"] } == ["interrupted", "skipped", "succeeded"], "the cut-off step is logged interrupted")
    }

    @Test(.timeLimit(.minutes(1)))
    func inFlightActionMayFinishWithinTheGracePeriod() async {
        let slow = SlowAction()
        let flow = workflow([step("a", "slow", [("ms", .literal(30))]), step("b", "count")])
        let counter = CountingAction()
        let (outcome, _) = await run(flow, [slow, counter], cancelOn: "step_started:a", grace: .seconds(30))
        #expect(outcome.statuses == ["a=succeeded", "b=skipped"])
        #expect(outcome.status == .interrupted)
        #expect(counter.total == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func forEachStopsStartingElements() async {
        let slow = SlowAction()
        let flow = workflow(
            [step("each", "slow", [("ms", .literal(1))], forEach: ForEach(items: .literal([1, 2, 3, 4, 5])))],
            finally: [step("f", "log", [("message", .literal("done"))])])
        let (outcome, _) = await run(flow, [slow], cancelOn: "item_finished:each[0]", grace: .seconds(30))
        #expect(outcome.status == .interrupted)
        let elements = outcome.step("each")?.elements ?? []
        #expect(elements.first?.status == .succeeded)
        #expect(elements.filter { $0.skipReason == .interrupted }.count >= 3)
        #expect(outcome.step("each")?.status == .failed)
        #expect(outcome.step("each")?.error?.code == "interrupted")
        #expect(outcome.step("f")?.status == .succeeded)
    }

    /// A clock whose sleeps last until the task is cancelled.
    struct BlockingClock: EngineClock {
        func sleep(for duration: Duration) async throws {
            try await Task.sleep(for: .seconds(3600))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func anInterruptEndsTheWaitBeforeARetryAtOnce() async {
        let cancellation = RunCancellation()
        let recorder = EventRecorder()
        let engine = Engine(
            registry: ActionRegistry(CoreActions.all + [FlakyAction(failures: 5)]),
            observers: [recorder, CancelOnEvent(cancellation, on: "attempt_failed:a")],
            options: EngineOptions(cancellation: cancellation, gracePeriod: .seconds(3600), clock: BlockingClock()))
        let policy = RetryPolicy(attempts: 3, delay: .seconds(60), jitter: false)
        let outcome = await engine.run(workflow([step("a", "flaky", retry: policy)]), inputs: [:])
        #expect(outcome.status == .interrupted)
        #expect(outcome.step("a")?.attempts == 1)
        #expect(outcome.step("a")?.error?.message == "step 'a': interrupted while waiting to retry (attempt 1 failed)")
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingTheCallingTaskInterruptsTheRun() async {
        let slow = SlowAction()
        let engine = Engine(
            registry: ActionRegistry(CoreActions.all + [slow]), options: EngineOptions(gracePeriod: .zero))
        let flow = workflow(
            [step("a", "slow", [("ms", .literal(60_000))]), step("b", "slow", [("ms", .literal(1))])],
            finally: [step("f", "log", [("message", .literal("x"))])])
        let task = Task { await engine.run(flow, inputs: [:]) }
        while slow.running == 0 { await Task.yield() }
        task.cancel()
        let outcome = await task.value
        #expect(outcome.status == .interrupted)
        #expect(outcome.statuses == ["a=failed", "b=skipped", "f=succeeded"])
    }

    @Test func cancellationHandleWakesWaiters() async {
        let cancellation = RunCancellation()
        async let waited: Void = cancellation.wait()
        cancellation.cancel()
        await waited
        #expect(cancellation.isCancelled)
        await cancellation.wait()
    }
}
