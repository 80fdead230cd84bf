import FlowYAML
import JSONValue

extension WorkflowReader {
    static let inputKeys = ["type", "default", "required", "description"]
    static let defaultsKeys = ["retry", "timeout"]

    /// The `inputs:` block: `NAME: {type, default, required, description}`.
    mutating func workflowInputs(_ node: Node) -> [InputDeclaration] {
        guard let inputs = mapping(node, named: "'inputs'", allowed: nil) else { return [] }
        var declarations: [InputDeclaration] = []
        for pair in inputs.pairs {
            let name = pair.key.scalar?.text ?? ""
            guard let keys = mapping(pair.value, named: "input '\(name)'", allowed: Self.inputKeys) else { continue }
            var declaration = InputDeclaration(name: name, type: .string, mark: pair.key.mark)
            if let type = keys["type"] {
                declaration.type = choice(type, named: "type", as: InputDeclaration.Kind.self) ?? .string
            }
            if let required = keys["required"] { declaration.required = bool(required, named: "required") ?? false }
            if let description = keys["description"] { declaration.description = string(description, named: "description") }
            if let value = keys["default"] {
                if value.isTemplated {
                    collector.error("the default of input '\(name)' cannot contain an expression", at: value.mark)
                } else if let problem = declaration.type.mismatch(value.json) {
                    collector.error("the default of input '\(name)' must be \(problem)", at: value.mark)
                } else {
                    declaration.defaultValue = value.json
                }
                if declaration.required, let key = keys.keyNode("required") {
                    collector.warning("input '\(name)' has a default, so 'required: true' has no effect", at: key.mark)
                }
            }
            declarations.append(declaration)
        }
        return declarations
    }

    /// The `defaults:` block.
    mutating func stepDefaults(_ node: Node) -> StepDefaults {
        var defaults = StepDefaults()
        guard let keys = mapping(node, named: "'defaults'", allowed: Self.defaultsKeys) else { return defaults }
        if let retry = keys["retry"] { defaults.retry = retryPolicy(retry) }
        if let timeout = keys["timeout"] { defaults.timeout = duration(timeout, named: "timeout") }
        return defaults
    }
}

extension InputDeclaration.Kind {
    /// `nil` when `value` has this type, else "a TYPE, found a …" for a message.
    func mismatch(_ value: JSON) -> String? {
        let matches =
            switch self {
            case .string: value.stringValue != nil
            case .number: value.doubleValue != nil
            case .boolean: value.boolValue != nil
            case .list: value.arrayValue != nil
            case .object: value.objectValue != nil
            }
        if matches { return nil }
        let article = self == .object ? "an" : "a"
        return "\(article) \(rawValue), found \(value.typeDescription)"
    }
}

extension JSON {
    /// `a string`, `a number`, `a boolean`, `null`, `a list`, `an object`.
    var typeDescription: String {
        switch self {
        case .null: "null"
        case .object: "an object"
        default: "a " + typeName
        }
    }
}
