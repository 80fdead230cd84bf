import FlowCore
import JSONValue

extension Runtime {
    /// `havenflow validate FILE…`: checks each file; diagnostics are reported, and `output` gets
    /// `FILE: valid` per valid file, or with `json` one object for all. Whether every file is valid.
    public func validate(files: [String], json: Bool, output: (String) -> Void) -> Bool {
        let results = files.map { validate(file: $0) }
        let valid = results.allSatisfy { $0.workflow != nil }
        if json {
            output(JSON.object(["valid": .bool(valid), "files": .array(zip(files, results).map { $1.json(file: $0) })]).rendered())
            return valid
        }
        for (file, result) in zip(files, results) {
            if !result.diagnostics.isEmpty { report(result.rendered) }
            if result.workflow != nil { output("\(file): valid") }
        }
        return valid
    }

    /// `havenflow actions [NAME]`: every action, or one with its inputs and outputs.
    public func describeActions(name: String?, json: Bool) throws(RuntimeError) -> String {
        let registry = registry(forWorkflowAt: nil)
        guard let name else {
            return json ? JSON.array(registry.declarations.map(\.json)).rendered(pretty: true) : ActionTable.list(registry.declarations)
        }
        guard let action = registry.action(named: name) else {
            let hint = suggestion(for: name, among: registry.allNames).map { "; did you mean '\($0)'?" } ?? ""
            throw RuntimeError(.usage, "unknown action '\(name)'\(hint)")
        }
        return json ? action.declaration.json.rendered(pretty: true) : ActionTable.detail(action.declaration)
    }

    /// `havenflow schema`: the JSON Schema of workflow files with every registered action.
    public func schema() -> String {
        WorkflowSchema.generate(registry: registry(forWorkflowAt: nil)).rendered(pretty: true)
    }
}
