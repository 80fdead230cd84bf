import FlowCore
import JSONValue
import Testing

/// Stops the run at once from inside the recording of a given event, as a state store does that gives
/// up writing a record (a PostgreSQL store past its retry bound).
final class StopWhileRecording: SynchronousRunObserver, Sendable {
    let cancellation: RunCancellation
    let trigger: String

    init(_ cancellation: RunCancellation, on trigger: String) {
        self.cancellation = cancellation
        self.trigger = trigger
    }

    func recordSynchronously(_ event: RunEvent) {
        let line = event.json()
        var name = line["event"]?.stringValue ?? ""
        if let step = line["step"]?.stringValue { name += ":\(step)" }
        if let index = line["index"]?.intValue { name += "[\(index)]" }
        if name == trigger { cancellation.stopNow() }
    }
}

/// No step or element starts without its record: when the run is stopped at once while the start of a
/// step or element is being recorded, its action is not called.
@Suite("Engine: a start that could not be recorded")
struct EngineUnrecordedStartTests {
    func run(_ flow: Workflow, stopOn trigger: String) async -> (RunOutcome, CountingAction) {
        let counting = CountingAction()
        let cancellation = RunCancellation()
        let engine = Engine(
            registry: ActionRegistry(CoreActions.all + [counting]),
            observers: [StopWhileRecording(cancellation, on: trigger)],
            options: EngineOptions(cancellation: cancellation, gracePeriod: .seconds(3600), clock: InstantClock()))
        return (await engine.run(flow, inputs: [:]), counting)
    }

    @Test func aStepStoppedWhileItsStartIsRecordedIsNotCalled() async {
        let flow = workflow([step("a", "count", []), step("b", "count", []), step("c", "count", [])])
        let (outcome, counting) = await run(flow, stopOn: "step_started:b")
        #expect(outcome.status == .interrupted)
        #expect([counting.count("a"), counting.count("b"), counting.count("c")] == [1, 0, 0])
        #expect(outcome.step("b")?.error?.message == "step 'b': interrupted before its action was called")
        #expect(outcome.step("c")?.status == .skipped)
    }

    @Test func anElementStoppedWhileItsStartIsRecordedIsNotCalled() async {
        let items: TemplateValue = .literal([0, 1, 2, 3])
        let flow = workflow([
            step("each", "count", [("value", value("${{ item }}"))], forEach: EngineForEachTests.loop(items))
        ])
        let (outcome, counting) = await run(flow, stopOn: "item_started:each[2]")
        #expect(outcome.status == .interrupted)
        #expect(counting.count("each") == 2, "elements 0 and 1 only")
        let elements = outcome.step("each")?.elements ?? []
        #expect(elements.map(\.status) == [.succeeded, .succeeded, .failed, .skipped])
        #expect(elements.count == 4 && elements[2].error?.message == "step 'each': element 2: interrupted before its action was called")
    }
}
