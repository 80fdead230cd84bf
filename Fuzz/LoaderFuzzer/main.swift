// libFuzzer entry point: feeds arbitrary bytes to WorkflowLoader with a small registry. Compiled by Fuzz/run
// in one module with the loader's sources (see fuzzer.conf), so their types are visible without an import.

/// Declarations only: the loader never runs an action.
struct FuzzAction: Action {
    let declaration: ActionDeclaration
    func run(_ input: JSON, context: ActionContext) async throws -> JSON { .null }
}

let fuzzRegistry = ActionRegistry([
    FuzzAction(declaration: ActionDeclaration(
        name: "create-connector", aliases: ["create"], summary: "Create a connector.",
        inputs: [
            InputSpec("connector", .string, required: true, description: "Name."),
            InputSpec("config", .object, description: "Configuration."),
            InputSpec("credentials", .string, secret: true, description: "Credentials."),
            InputSpec("async", .boolean, description: "Return at once."),
        ], changesState: true)),
    FuzzAction(declaration: ActionDeclaration(
        name: "wait-job", summary: "Wait for a job.",
        inputs: [
            InputSpec("job", .string, required: true, description: "Job id."),
            InputSpec("timeout", .duration, description: "Limit."),
            InputSpec("tries", .integer, description: "Tries."),
            InputSpec("tags", .list, description: "Tags."),
            InputSpec("weight", .number, description: "Weight."),
        ], changesState: false)),
    FuzzAction(declaration: ActionDeclaration(
        name: "notify", summary: "Notify.",
        inputs: [
            InputSpec("message", .string, required: true, description: "Text."),
            InputSpec("level", .string, description: "Level.", allowed: ["info", "warning", "error"]),
        ], changesState: true)),
    FuzzAction(declaration: ActionDeclaration(
        name: "log", summary: "Log.", inputs: [InputSpec("message", .any, description: "Text.")],
        changesState: false)),
])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let result = WorkflowLoader(registry: fuzzRegistry).load(text: text, file: "fuzz.yaml")
    precondition(result.workflow != nil || !result.errors.isEmpty, "no workflow and no error")
    precondition(result.workflow == nil || result.errors.isEmpty, "a workflow despite errors")
    for diagnostic in result.diagnostics {
        precondition(diagnostic.mark.line >= 1 && diagnostic.mark.column >= 1, "mark \(diagnostic.mark)")
        _ = diagnostic.rendered(source: result.source)
    }
    if let workflow = result.workflow {
        precondition(!workflow.steps.isEmpty, "a workflow without steps")
        _ = WorkflowSchema.generate(registry: fuzzRegistry)
    }
    return 0
}
