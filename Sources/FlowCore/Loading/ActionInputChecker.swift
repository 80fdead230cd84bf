import FlowYAML
import JSONValue

extension WorkflowReader {
    /// A step's action inputs, checked against the action's declaration: unknown and missing inputs,
    /// types, enumerations, literal secrets. Templated values are checked at run time.
    mutating func actionInputs(
        _ node: Node, key: Node, of declaration: ActionDeclaration, scope: ExpressionScope
    ) -> [(name: String, value: TemplateValue)] {
        let action = declaration.name
        var inputs: [(name: String, value: TemplateValue)] = []
        var pairs: [Node.Pair] = []
        if node.scalar?.value != .null {
            guard let keys = mapping(node, named: "the inputs of '\(key.scalar?.text ?? action)'", allowed: nil) else {
                return []
            }
            pairs = keys.pairs
        }
        let names = declaration.inputs.map(\.name)
        for pair in pairs {
            let name = pair.key.scalar?.text ?? ""
            guard let spec = declaration.input(named: name) else {
                collector.error(unknownKey(name, among: names, what: "input", place: "of '\(action)'"), at: pair.key.mark)
                continue
            }
            let value = templateValue(pair.value, scope: scope)
            if !pair.value.isTemplated {
                checkLiteral(pair.value.json, node: pair.value, against: spec, action: action)
            }
            if spec.secret, !pair.value.isTemplated {
                collector.warning(
                    "input '\(name)' of '\(action)' is a secret written in the file; use ${{ secrets.NAME }}",
                    at: pair.value.mark)
            }
            inputs.append((name, value))
        }
        // An unknown input that looks like a typo of a required one already explains the missing one.
        let given = Set(
            pairs.compactMap { $0.key.scalar?.text }.map { names.contains($0) ? $0 : suggestion(for: $0, among: names) ?? $0 })
        for spec in declaration.inputs where spec.required && !given.contains(spec.name) {
            collector.error("'\(action)' is missing required input '\(spec.name)'", at: key.mark)
        }
        return inputs
    }

    private mutating func checkLiteral(_ value: JSON, node: Node, against spec: InputSpec, action: String) {
        let subject = "input '\(spec.name)' of '\(action)'"
        if let expected = spec.type.mismatch(spec.normalized(value), node: node) {
            collector.error("\(subject) must be \(expected), found \(describe(value, node: node))", at: node.mark)
            return
        }
        if let allowed = spec.allowed, let text = value.stringValue, !allowed.contains(text) {
            collector.error(
                "\(subject) must be one of \(allowed.joined(separator: ", ")), found '\(text)'"
                    + didYouMean(text, among: allowed), at: node.mark)
        }
    }

    private func describe(_ value: JSON, node: Node) -> String {
        if let scalar = node.scalar, case .string(let text) = scalar.value { return "'\(text)'" }
        if let scalar = node.scalar, case .float = scalar.value { return scalar.text }
        return node.typeDescription
    }
}

extension ValueType {
    /// `nil` when `value` (written as `node`) fits the type, else the expected type for a message.
    func mismatch(_ value: JSON, node: Node) -> String? {
        switch self {
        case .any: return nil
        case .string: return value.stringValue != nil ? nil : "a string"
        case .number: return value.doubleValue != nil ? nil : "a number"
        case .integer: return value.intValue != nil ? nil : "an integer"
        case .boolean: return value.boolValue != nil ? nil : "true or false"
        case .list: return value.arrayValue != nil ? nil : "a list"
        case .object: return value.objectValue != nil ? nil : "a mapping"
        case .duration: return node.durationValue != nil ? nil : "a duration such as 250ms, 30s, 5m or 1h30m"
        }
    }
}
