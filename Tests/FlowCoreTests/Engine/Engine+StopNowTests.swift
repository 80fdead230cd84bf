import FlowCore
import JSONValue
import Testing

/// A second interrupt: in-flight work is cut off without waiting out the grace period, `finally` does not
/// run, and the run still ends with its `run_finished` event.
@Suite("Engine: stop now") struct EngineStopNowTests {
    @Test(.timeLimit(.minutes(1)))
    func stopNowCancelsInFlightWorkAtOnceAndSkipsFinally() async {
        let slow = SlowAction()
        let cancellation = RunCancellation()
        let recorder = EventRecorder()
        // A grace period far longer than the test's time limit: only `stopNow()` can end the step.
        let engine = Engine(
            registry: ActionRegistry(CoreActions.all + [slow]),
            observers: [recorder, CancelOnEvent(cancellation, on: "step_started:a", now: true)],
            options: EngineOptions(cancellation: cancellation, gracePeriod: .seconds(3600), clock: InstantClock()))
        let flow = workflow(
            [step("a", "slow", [("ms", .literal(600_000))])],
            finally: [step("f", "log", [("message", .literal("finally"))])])
        let outcome = await engine.run(flow, inputs: [:])
        #expect(outcome.status == .interrupted)
        #expect(outcome.statuses == ["a=failed"])
        #expect(slow.cancelled == 1)
        #expect(await recorder.lines("output").isEmpty)
        #expect(await recorder.lines("run_finished").first?["status"] == "interrupted")
        #expect(cancellation.isCancelled && cancellation.isStoppingNow)
    }

    @Test func stopNowWakesBothKindsOfWaiter() async {
        let cancellation = RunCancellation()
        async let cancelled: Void = cancellation.wait()
        async let stopped: Void = cancellation.waitForStopNow()
        cancellation.stopNow()
        _ = await (cancelled, stopped)
        #expect(cancellation.isStoppingNow)
    }
}
