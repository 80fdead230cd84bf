import FlowYAML

/// The entries of a YAML mapping by key, first occurrence kept, in file order.
struct KeyedMapping {
    let pairs: [Node.Pair]
    /// The text of each pair's key, read once: a `Node` makes its `Scalar` each time it is asked for one.
    let keys: [String]
    var node: Node

    subscript(key: String) -> Node? { keys.firstIndex(of: key).map { pairs[$0].value } }

    /// The key node of `key`, for pointing at it.
    func keyNode(_ key: String) -> Node? { keys.firstIndex(of: key).map { pairs[$0].key } }

    func has(_ key: String) -> Bool { keyNode(key) != nil }

    /// Whether `original` holds an unknown key that looks like a typo of `key` (already reported as such).
    func hasTypo(of key: String, among names: [String], in original: Node) -> Bool {
        (original.mapping ?? []).contains { pair in
            guard let text = pair.key.scalar?.text, !names.contains(text) else { return false }
            return suggestion(for: text, among: names) == key
        }
    }
}

extension WorkflowReader {
    /// `node` as a mapping; reports a non-mapping, duplicate keys, non-scalar keys, `${{` in keys, and keys
    /// outside `allowed` (with a did-you-mean) when `allowed` is given.
    mutating func mapping(_ node: Node, named name: String, allowed: [String]?) -> KeyedMapping? {
        guard let pairs = node.mapping else {
            collector.error("\(name) must be a mapping, found \(node.typeDescription)", at: node.mark)
            return nil
        }
        var seen: [String: Int] = [:]
        var kept: [Node.Pair] = []
        var keys: [String] = []
        for pair in pairs {
            guard let key = pair.key.scalar?.text else {
                collector.error("a key must be a plain string, found \(pair.key.typeDescription)", at: pair.key.mark)
                continue
            }
            if let line = seen[key] {
                collector.error("duplicate key '\(key)'; first used on line \(line)", at: pair.key.mark)
                continue
            }
            seen[key] = pair.key.mark.line
            if key.utf8.contains(UInt8(ascii: "$")) && key.contains("${{") {
                collector.warning("'${{' in a key is not evaluated: keys are always literal text", at: pair.key.mark)
            }
            if let allowed, !allowed.contains(key) {
                collector.error(unknownKey(key, among: allowed), at: pair.key.mark)
                continue
            }
            kept.append(pair)
            keys.append(key)
        }
        return KeyedMapping(pairs: kept, keys: keys, node: node)
    }

    /// "unknown WHAT 'KEY' PLACE; did you mean 'NAME'?"
    func unknownKey(_ key: String, among names: [String], what: String = "key", place: String = "") -> String {
        "unknown \(what) '\(key)'" + (place.isEmpty ? "" : " " + place) + didYouMean(key, among: names)
    }

    func didYouMean(_ word: String, among names: [String]) -> String {
        suggestion(for: word, among: names).map { "; did you mean '\($0)'?" } ?? ""
    }

    mutating func string(_ node: Node, named name: String) -> String? {
        if case .scalar(let scalar) = node.kind, case .string(let text) = scalar.value { return text }
        collector.error("'\(name)' must be a string, found \(node.typeDescription)", at: node.mark)
        return nil
    }

    mutating func bool(_ node: Node, named name: String) -> Bool? {
        if case .scalar(let scalar) = node.kind, case .bool(let value) = scalar.value { return value }
        collector.error("'\(name)' must be true or false, found \(node.typeDescription)", at: node.mark)
        return nil
    }

    mutating func positiveInt(_ node: Node, named name: String) -> Int? {
        if case .scalar(let scalar) = node.kind {
            if case .int(let value) = scalar.value, value >= 1 { return value }
            if case .int = scalar.value {
                collector.error("'\(name)' must be a positive integer, found \(scalar.text)", at: node.mark)
                return nil
            }
            if case .float = scalar.value {
                collector.error("'\(name)' must be a positive integer, found \(scalar.text)", at: node.mark)
                return nil
            }
        }
        collector.error("'\(name)' must be a positive integer, found \(node.typeDescription)", at: node.mark)
        return nil
    }

    mutating func positiveNumber(_ node: Node, named name: String) -> Double? {
        if case .scalar(let scalar) = node.kind {
            switch scalar.value {
            case .int(let value) where value > 0: return Double(value)
            case .float(let value) where value > 0 && value.isFinite: return value
            case .int, .float:
                collector.error("'\(name)' must be a positive number, found \(scalar.text)", at: node.mark)
                return nil
            default: break
            }
        }
        collector.error("'\(name)' must be a positive number, found \(node.typeDescription)", at: node.mark)
        return nil
    }

    mutating func duration(_ node: Node, named name: String) -> Duration? {
        if let duration = node.durationValue { return duration }
        let found = node.scalar.map { $0.value == .null ? "null" : "'\($0.text)'" } ?? node.typeDescription
        collector.error("'\(name)' must be a duration such as 250ms, 30s, 5m or 1h30m, found \(found)", at: node.mark)
        return nil
    }

    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ node: Node, named name: String, as type: Value.Type
    ) -> Value? where Value.RawValue == String {
        let names = Value.allCases.map(\.rawValue)
        if case .scalar(let scalar) = node.kind, case .string(let text) = scalar.value {
            if let value = Value(rawValue: text) { return value }
            collector.error(
                "'\(name)' must be one of \(names.joined(separator: ", ")), found '\(text)'"
                    + didYouMean(text, among: names), at: node.mark)
            return nil
        }
        collector.error(
            "'\(name)' must be one of \(names.joined(separator: ", ")), found \(node.typeDescription)", at: node.mark)
        return nil
    }
}

extension Node {
    /// `a string`, `a number`, `a boolean`, `null`, `a list`, `a mapping` — for "found …" in messages.
    var typeDescription: String {
        switch kind {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int, .float: return "a number"
            case .string: return scalar.text.contains("${{") ? "an expression" : "a string"
            }
        }
    }

    /// Where the scalar's text starts (one column after an opening quote).
    var textMark: Mark {
        guard let scalar, scalar.isQuoted else { return mark }
        return Mark(line: mark.line, column: mark.column + 1)
    }

    /// Whether the node is a string scalar containing `${{`.
    var isTemplated: Bool {
        guard let scalar, case .string(let text) = scalar.value else { return false }
        return text.contains("${{")
    }

    /// A duration written as text (`30s`) or as a number of seconds.
    var durationValue: Duration? {
        guard let scalar else { return nil }
        switch scalar.value {
        case .int(let seconds): return seconds >= 0 ? Duration(workflowSeconds: Double(seconds)) : nil
        case .float(let seconds): return Duration(workflowSeconds: seconds)
        case .string(let text): return Duration(parsing: text)
        case .null, .bool: return nil
        }
    }
}
