import JSONValue

extension ActionDeclaration {
    /// The declaration as JSON: what `havenflow actions --json` prints and what a plugin's `--describe`
    /// answers (`name`, `aliases`, `summary`, `inputs`, `outputs`, `changes_state`).
    public var json: JSON {
        [
            "name": .string(name),
            "aliases": .array(aliases.map { .string($0) }),
            "summary": .string(summary),
            "inputs": .array(inputs.map(\.json)),
            "outputs": .array(outputs.map(\.json)),
            "changes_state": .bool(changesState),
        ]
    }
}

extension InputSpec {
    public var json: JSON {
        var members: [String: JSON] = [
            "name": .string(name), "type": .string(type.rawValue), "required": .bool(required),
            "secret": .bool(secret), "description": .string(description),
        ]
        if let defaultValue { members["default"] = defaultValue }
        if let allowed { members["allowed"] = .array(allowed.map { .string($0) }) }
        if oneOrMany { members["one_or_many"] = true }
        return .object(members)
    }
}

extension OutputSpec {
    public var json: JSON {
        ["name": .string(name), "type": .string(type.rawValue), "description": .string(description)]
    }
}
