import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Synchronization

/// The workflow `yaml` (its steps and whatever follows) describes, named `test`, loaded with the core
/// actions plus `gate` and `probe`.
func testWorkflow(_ yaml: String) throws -> Workflow {
    let registry = ActionRegistry(CoreActions.all + [GateAction(failing: []), ProbeAction(store: nil)])
    let result = WorkflowLoader(registry: registry).load(text: "version: 1\nname: test\n" + yaml, file: "test.yaml")
    guard let workflow = result.workflow else { throw TestWorkflowError(diagnostics: result.rendered) }
    return workflow
}

struct TestWorkflowError: Error, CustomStringConvertible {
    var diagnostics: String
    var description: String { "the test workflow does not load:\n\(diagnostics)" }
}

/// A `for_each` list of the numbers `0..<count`, as YAML.
func numbers(_ count: Int) -> String {
    "[" + (0..<count).map(String.init).joined(separator: ", ") + "]"
}

/// Fails the elements (or steps) whose `value` is in `failing`, which a test changes between runs.
final class GateAction: Action {
    let failing: Mutex<Set<Int>>
    private let calls = Mutex<[Int]>([])

    init(failing: Set<Int>) { self.failing = Mutex(failing) }

    var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "gate", summary: "Fails for some values.", inputs: [InputSpec("value", .any, description: "A number.")],
            changesState: true)
    }

    /// The values it was called with, in order.
    var called: [Int] { calls.withLock { $0 } }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        let value = input["value"]?.intValue ?? -1
        calls.withLock { $0.append(value) }
        if failing.withLock({ $0.contains(value) }) { throw ActionFailure("value \(value) is closed", code: "9") }
        return ["value": .number(Double(value)), "doubled": .number(Double(value * 2))]
    }
}

/// Reads, from the store, how many elements of its step are recorded when it runs.
struct ProbeAction: Action {
    let store: (any StateStore)?

    var declaration: ActionDeclaration {
        ActionDeclaration(name: "probe", summary: "Counts recorded elements.", changesState: false)
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        // Finished elements only: an element's own started record (`running` while the run is) is not one.
        let elements = try await store?.elements(runID: "probe-run", step: context.stepKey)
        let recorded = elements?.filter { $0.status != "running" }.count ?? -1
        return ["recorded": .number(Double(recorded))]
    }
}

/// Runs `workflow` recorded in `store` (registered first, as the CLI does).
func recordedRun(
    _ workflow: Workflow, store: any StateStore, actions: [any Action], runID: String, resume: ResumeState? = nil,
    register: Bool = true
) async throws -> RunOutcome {
    if register {
        try await store.register(RunRegistration(id: runID, workflow: workflow, contents: Array("v1".utf8)))
    }
    let engine = Engine(registry: ActionRegistry(CoreActions.all + actions), observers: [store])
    return await engine.run(workflow, inputs: ["who": "ops"], runID: runID, resume: resume)
}

/// A registration of run `id` of `workflow` that records no file.
func registration(_ id: String, workflow: String = "w") -> RunRegistration {
    RunRegistration(id: id, workflow: workflow, file: "/\(workflow).yaml", fileHash: "h", stepKeys: [])
}

extension StateStore {
    /// Records `event` as the engine does, and returns once it is stored: durably where the store is a
    /// `SynchronousRunObserver` (the engine's guarantee that a record is committed before it goes on).
    func recordAndWait(_ event: RunEvent) async {
        if let synchronous = self as? any SynchronousRunObserver {
            await synchronous.recordDurably(event)
        } else {
            await record(event)
        }
    }
}
