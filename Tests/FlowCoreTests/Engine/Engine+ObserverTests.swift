import FlowCore
import JSONValue
import Synchronization
import Testing

/// A synchronous observer: like the state store, it must have every earlier event before the engine goes on.
final class SyncRecorder: SynchronousRunObserver {
    private let names = Mutex<[String]>([])
    var events: [String] { names.withLock { $0 } }

    func recordSynchronously(_ event: RunEvent) {
        names.withLock { $0.append(event.name) }
    }
}

/// Returns how many `step_finished` events the recorder had when the action ran.
struct PeekAction: Action {
    let recorder: SyncRecorder

    var declaration: ActionDeclaration { ActionDeclaration(name: "peek", summary: "Peeks.", changesState: false) }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        ["seen": .number(Double(recorder.events.filter { $0 == "step_finished" }.count))]
    }
}

@Suite("Engine: observers")
struct EngineObserverTests {
    @Test func synchronousObserversHaveEveryEventBeforeTheEngineGoesOn() async {
        let sync = SyncRecorder()
        let queued = EventRecorder()
        let engine = Engine(
            registry: ActionRegistry(CoreActions.all + [PeekAction(recorder: sync)]), observers: [sync, queued],
            options: EngineOptions(clock: InstantClock()))
        let flow = workflow([step("a", "log", [("message", .literal("x"))]), step("b", "peek"), step("c", "peek")])
        let outcome = await engine.run(flow, inputs: [:])
        #expect(outcome.step("b")?.outputs == ["seen": 1])
        #expect(outcome.step("c")?.outputs == ["seen": 2])
        #expect(sync.events == (await queued.events.map(\.name)))
        #expect(sync.events.last == "run_finished")
    }

    @Test func jsonLinesReporterWritesTheRunLogLines() async {
        let screen = Screen()
        let engine = Engine(
            registry: ActionRegistry(CoreActions.all), observers: [JSONLinesReporter { screen.write($0) }],
            options: EngineOptions(clock: InstantClock()))
        _ = await engine.run(workflow([step("a", "log", [("message", .literal("x"))])]), inputs: [:])
        let lines = screen.contents.split(separator: "\n").map { try? JSON(parsing: String($0)) }
        #expect(
            lines.map { $0?["event"] } == ["run_started", "step_started", "output", "step_finished", "run_finished"])
    }
}
