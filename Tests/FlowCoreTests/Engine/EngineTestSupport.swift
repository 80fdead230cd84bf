import FlowCore
import FlowYAML
import Foundation
import JSONValue
import Synchronization

// Helpers for the engine tests: a small DSL to build workflows in code, observers and test actions.

let origin = Mark(line: 1, column: 1)

/// An expression (`if`, `where`).
func expr(_ source: String) -> FlowCore.Expression {
    do { return try FlowCore.Expression.parse(source, at: origin) } catch {
        fatalError("bad test expression \(source): \(error)")
    }
}

/// A scalar that may hold `${{ }}`.
func value(_ text: String) -> TemplateValue {
    do {
        guard let template = try Template.parse(text, at: origin, quoted: true) else { return .literal(.string(text)) }
        return .template(template)
    } catch {
        fatalError("bad test template \(text): \(error)")
    }
}

func step(
    _ key: String, _ action: String, _ inputs: [(String, TemplateValue)] = [], id: Bool = true, name: String? = nil,
    if condition: String? = nil, forEach: ForEach? = nil, retry: RetryPolicy = RetryPolicy(),
    timeout: Duration? = nil, continueOnError: Bool = false
) -> Step {
    Step(
        id: id ? key : nil, key: key, name: name, action: action, inputs: inputs.map { (name: $0.0, value: $0.1) },
        condition: condition.map { expr($0) }, forEach: forEach, retry: retry, timeout: timeout,
        continueOnError: continueOnError)
}

func workflow(
    _ steps: [Step], finally: [Step] = [], inputs: [InputDeclaration] = [],
    vars: [(String, TemplateValue)] = []
) -> Workflow {
    Workflow(
        name: "test", file: "test.yaml", inputs: inputs, vars: vars.map { (name: $0.0, value: $0.1) }, steps: steps,
        finally: finally)
}

/// Collects every event.
actor EventRecorder: RunObserver {
    private(set) var events: [RunEvent] = []

    func record(_ event: RunEvent) async { events.append(event) }

    /// `event` names with their step, e.g. `step_finished:a`.
    var trace: [String] {
        events.map { event in
            let line = event.json()
            var text = line["event"]?.stringValue ?? "?"
            if let step = line["step"]?.stringValue { text += ":\(step)" }
            if let index = line["index"]?.intValue { text += "[\(index)]" }
            return text
        }
    }

    var lines: [JSON] { events.map { $0.json() } }

    func lines(_ name: String) -> [JSON] { lines.filter { $0["event"]?.stringValue == name } }
}

/// A clock that does not sleep: it records the pauses asked for.
final class InstantClock: EngineClock {
    private let pauses = Mutex<[Duration]>([])

    var sleeps: [Duration] { pauses.withLock { $0 } }

    func sleep(for duration: Duration) async throws {
        pauses.withLock { $0.append(duration) }
        try Task.checkCancellation()
    }
}

/// Counts calls per step key and returns `{count, input}`.
final class CountingAction: Action {
    private let calls = Mutex<[String: Int]>([:])
    let name: String

    init(name: String = "count") { self.name = name }

    var declaration: ActionDeclaration {
        ActionDeclaration(
            name: name, summary: "Counts.", inputs: [InputSpec("value", .any, description: "Echoed.")],
            outputs: [OutputSpec("count", .integer, description: "Calls so far.")], changesState: false)
    }

    func count(_ key: String) -> Int { calls.withLock { $0[key] ?? 0 } }

    var total: Int { calls.withLock { $0.values.reduce(0, +) } }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        let count = calls.withLock { calls -> Int in
            calls[context.stepKey, default: 0] += 1
            return calls[context.stepKey]!
        }
        return ["count": .number(Double(count)), "value": input["value"] ?? .null]
    }
}

/// Fails the first `failures` attempts of each step/element, transiently unless told otherwise.
struct FlakyAction: Action {
    var failures: Int
    var transient = true

    var declaration: ActionDeclaration {
        ActionDeclaration(name: "flaky", summary: "Fails, then succeeds.", changesState: false)
    }

    /// Each attempt reports one request of API `flaky` (`5000` or `ok`) to `context.calls`.
    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        if context.attempt <= failures {
            context.calls.record(api: "flaky", outcome: "5000")
            throw ActionFailure("attempt \(context.attempt) failed", code: "5000", transient: transient)
        }
        context.calls.record(api: "flaky", outcome: "ok")
        return ["attempt": .number(Double(context.attempt))]
    }
}

/// Sleeps `ms` milliseconds (cancellable) and tracks how many run at once.
final class SlowAction: Action {
    private let state = Mutex<(running: Int, peak: Int, finished: Int, cancelled: Int)>((0, 0, 0, 0))

    var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "slow", summary: "Sleeps.", inputs: [InputSpec("ms", .integer, description: "Milliseconds.")],
            changesState: false)
    }

    var peak: Int { state.withLock { $0.peak } }
    var running: Int { state.withLock { $0.running } }
    var finished: Int { state.withLock { $0.finished } }
    var cancelled: Int { state.withLock { $0.cancelled } }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        state.withLock {
            $0.running += 1
            $0.peak = max($0.peak, $0.running)
        }
        defer { state.withLock { $0.running -= 1 } }
        do {
            try await Task.sleep(for: .milliseconds(input["ms"]?.intValue ?? 1))
        } catch {
            state.withLock { $0.cancelled += 1 }
            throw error
        }
        state.withLock { $0.finished += 1 }
        return ["slept": input["ms"] ?? 1]
    }
}

/// A state-changing action with declared outputs (for dry runs).
final class ChangeAction: Action {
    private let calls = Mutex(0)
    var count: Int { calls.withLock { $0 } }

    var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "change", summary: "Changes something.",
            inputs: [
                InputSpec("target", .string, description: "What."),
                InputSpec("password", .string, secret: true, description: "A secret."),
            ],
            outputs: [
                OutputSpec("id", .string, description: "Id."), OutputSpec("size", .integer, description: "Size."),
                OutputSpec("done", .boolean, description: "Done."), OutputSpec("tags", .list, description: "Tags."),
            ],
            changesState: true)
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        calls.withLock { $0 += 1 }
        return ["id": input["target"] ?? "x", "size": 3, "done": true, "tags": ["a"]]
    }
}

/// Cancels `cancellation` when it runs (to interrupt a run at a precise point).
struct InterruptAction: Action {
    let cancellation: RunCancellation

    var declaration: ActionDeclaration {
        ActionDeclaration(name: "interrupt", summary: "Presses Ctrl-C.", changesState: false)
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        cancellation.cancel()
        return [:]
    }
}

/// Runs `workflow` with the core actions plus `actions`, an instant clock and no jitter.
func execute(
    _ workflow: Workflow, actions: [any Action] = [], inputs: [String: JSON] = [:], options: EngineOptions? = nil,
    resume: ResumeState? = nil
) async -> (outcome: RunOutcome, recorder: EventRecorder) {
    let recorder = EventRecorder()
    var options = options ?? EngineOptions()
    if options.clock is SystemEngineClock { options.clock = InstantClock() }
    let engine = Engine(registry: ActionRegistry(CoreActions.all + actions), observers: [recorder], options: options)
    let outcome = await engine.run(workflow, inputs: inputs, runID: "20261129T000000Z-000000", resume: resume)
    return (outcome, recorder)
}

extension RunOutcome {
    /// `key=status` for every step, in order.
    var statuses: [String] { steps.map { "\($0.key)=\($0.status.rawValue)" } }
}
