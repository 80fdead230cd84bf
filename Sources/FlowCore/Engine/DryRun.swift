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

    /// A read-only action whose inputs hold a placeholder (from a changing step the plan did not run) is
    /// not called either: a real call would only fail on the made-up value (e.g. `wait-job` on a job that
    /// was never submitted). It gets placeholder outputs so that later steps still plan.
    static let skippedMessage = "dry run: not called, its inputs come from a step the plan did not run"

    static func containsPlaceholder(_ value: JSON) -> Bool {
        switch value {
        case .string(let text): text.hasPrefix(placeholderPrefix)
        case .array(let elements): elements.contains(where: containsPlaceholder)
        case .object(let members): members.values.contains(where: containsPlaceholder)
        case .null, .bool, .number: false
        }
    }

    static let placeholderPrefix = "<dry-run:"

    static func placeholder(for declaration: ActionDeclaration) -> JSON {
        .object(Dictionary(declaration.outputs.map { ($0.name, $0.placeholder) }, uniquingKeysWith: { first, _ in first }))
    }
}

extension OutputSpec {
    /// What a dry run gives for this output of a step it did not run: `<dry-run:NAME>` for strings, `0`,
    /// `false`, `[]`, `{}`, or `"0s"` for durations — typed, so later steps still evaluate.
    public var placeholder: JSON {
        switch type {
        case .number, .integer: 0
        case .boolean: false
        case .list: []
        case .object: [:]
        case .duration: "0s"
        case .string, .any: .string("\(DryRun.placeholderPrefix)\(name)>")
        }
    }
}
