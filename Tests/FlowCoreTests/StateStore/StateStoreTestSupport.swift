import FlowCore
import Foundation
import JSONValue
import Synchronization

/// A fresh state directory under the temporary folder.
func temporaryStateDirectory() -> String {
    NSTemporaryDirectory() + "havenflow-state-\(UUID().uuidString)"
}

/// A pid no process has (beyond Linux's pid_max).
let deadPID: Int32 = 99_999_999

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

/// Runs `workflow` recorded in `store` (registered first, as the CLI does).
func recordedRun(
    _ workflow: Workflow, store: StateStore, actions: [any Action], runID: String, resume: ResumeState? = nil,
    register: Bool = true
) async throws -> RunOutcome {
    if register {
        try store.register(RunRegistration(id: runID, workflow: workflow, contents: Array("v1".utf8)))
    }
    let engine = Engine(registry: ActionRegistry(CoreActions.all + actions), observers: [store])
    return await engine.run(workflow, inputs: ["who": "ops"], runID: runID, resume: resume)
}
