import JSONValue

/// What a changing action does under `--dry-run`: not called, it gets a line saying what would run and
/// placeholder outputs. Actions that are `DescribesRequest` say both themselves; for the others the line
/// shows the inputs and the outputs are typed from the declaration so that later steps still evaluate:
/// strings `<dry-run:NAME>`, numbers `0`, booleans `false`, lists `[]`, objects `{}`, durations `"0s"`.
enum DryRun {
    static func plan(_ action: any Action, input: JSON) -> (message: String, outputs: JSON) {
        if let describing = action as? any DescribesRequest {
            return ("dry run: \(describing.plan(input))", describing.placeholderOutputs(for: input))
        }
        return (
            "dry run: would run \(action.declaration.name) with \(input.rendered())",
            placeholder(for: action.declaration)
        )
    }

    static func placeholder(for declaration: ActionDeclaration) -> JSON {
        var members: [String: JSON] = [:]
        for output in declaration.outputs {
            members[output.name] =
                switch output.type {
                case .number, .integer: 0
                case .boolean: false
                case .list: []
                case .object: [:]
                case .duration: "0s"
                case .string, .any: .string("<dry-run:\(output.name)>")
                }
        }
        return .object(members)
    }
}
