import FlowYAML
import JSONValue

extension WorkflowReader {
    static let stepKeys = [
        "id", "name", "if", "for_each", "as", "where", "concurrency", "fail_fast", "retry", "timeout",
        "continue_on_error",
    ]
    static let contextNames: Set<String> = ["inputs", "vars", "env", "secrets", "steps", "run", "item", "index"]

    /// `steps:` or `finally:` — a list of step mappings.
    mutating func stepList(_ node: Node, named name: String, defaults: StepDefaults, isFinally: Bool) -> [Step] {
        if node.scalar?.value == .null { return [] }
        guard let elements = node.sequence else {
            collector.error("'\(name)' must be a list of steps, found \(node.typeDescription)", at: node.mark)
            return []
        }
        var steps: [Step] = []
        steps.reserveCapacity(elements.count)
        for (offset, element) in elements.enumerated() {
            let fallbackKey = isFinally ? "finally#\(offset + 1)" : nil
            if let step = step(element, position: offset + 1, fallbackKey: fallbackKey, defaults: defaults) {
                steps.append(step)
            }
        }
        return steps
    }

    private mutating func step(_ node: Node, position: Int, fallbackKey: String?, defaults: StepDefaults) -> Step? {
        guard let keys = mapping(node, named: "a step", allowed: nil) else { return nil }
        let action = stepAction(keys)
        let id = keys["id"].flatMap { stepID($0) }
        let condition: Expression?
        let forEach: ForEach?
        var inputs: [(name: String, value: TemplateValue)] = []
        do {  // the scopes share `earlierSteps` and must be gone before it grows (or it is copied per step)
            let all = ExpressionScope(earlierSteps: earlierSteps)
            condition = keys["if"].flatMap {
                self.condition($0, named: "if", scope: ExpressionScope(earlierSteps: earlierSteps, statusFunctions: true))
            }
            forEach = forEachPart(keys, scope: all)
            if let action, let key = keys.keyNode(action.key), let value = keys[action.key] {
                let scope = ExpressionScope(
                    earlierSteps: earlierSteps, inForEach: forEach != nil, itemAlias: forEach?.alias)
                inputs = actionInputs(value, key: key, of: action.declaration, scope: scope)
            }
        }
        let name = keys["name"].flatMap { string($0, named: "name") }
        let retry = keys["retry"].map { retryPolicy($0) } ?? defaults.retry
        let timeout = keys["timeout"].map { duration($0, named: "timeout") } ?? defaults.timeout
        let continueOnError = keys["continue_on_error"].flatMap { bool($0, named: "continue_on_error") } ?? false
        if let id, let idNode = keys["id"] {
            if let line = stepLines[id] {
                collector.error("duplicate step id '\(id)'; first used on line \(line)", at: idNode.mark)
            } else {
                stepLines[id] = idNode.mark.line
                earlierSteps.insert(id)
            }
        }
        guard let action else { return nil }
        return Step(
            id: id, key: id ?? fallbackKey ?? "\(action.declaration.name)#\(position)", name: name,
            action: action.declaration.name, inputs: inputs, condition: condition, forEach: forEach,
            retry: retry ?? RetryPolicy(), timeout: timeout, continueOnError: continueOnError, mark: node.mark)
    }

    /// The one key of the step that names an action; reports none, two, and unknown keys.
    private mutating func stepAction(_ keys: KeyedMapping) -> (key: String, declaration: ActionDeclaration)? {
        var found: [(key: String, declaration: ActionDeclaration)] = []
        var unknown: [Node] = []
        for pair in keys.pairs {
            let key = pair.key.scalar?.text ?? ""
            if Self.stepKeys.contains(key) { continue }
            if let action = registry.action(named: key) {
                found.append((key, action.declaration))
            } else {
                unknown.append(pair.key)
            }
        }
        for key in unknown {
            let text = key.scalar?.text ?? ""
            let names = registry.allNames + Self.stepKeys
            let message =
                found.isEmpty
                ? unknownKey(text, among: names, what: "action") : unknownKey(text, among: names, place: "in a step")
            collector.error(message, at: key.mark)
        }
        if found.count > 1, let second = keys.keyNode(found[1].key) {
            collector.error(
                "a step runs one action, but this one has '\(found[0].key)' and '\(found[1].key)'; "
                    + "split it into two steps", at: second.mark)
            return nil
        }
        if found.isEmpty && unknown.isEmpty {
            collector.error("the step has no action: add a key naming one, such as 'log'", at: keys.node.mark)
        }
        return found.first
    }

    private mutating func stepID(_ node: Node) -> String? {
        guard let id = string(node, named: "id") else { return nil }
        guard id.isIdentifier else {
            collector.error(
                "step id '\(id)' must start with a letter or '_' and hold only letters, digits and '_'",
                at: node.textMark)
            return nil
        }
        return id
    }

    private mutating func forEachPart(_ keys: KeyedMapping, scope: ExpressionScope) -> ForEach? {
        guard let itemsNode = keys["for_each"] else {
            for key in ["as", "where"] where keys.has(key) {
                collector.error("'\(key)' needs 'for_each'", at: keys.keyNode(key)!.mark)
            }
            for key in ["concurrency", "fail_fast"] where keys.has(key) {
                collector.warning("'\(key)' has no effect without 'for_each'", at: keys.keyNode(key)!.mark)
            }
            return nil
        }
        let items = templateValue(itemsNode, scope: scope)
        if !itemsNode.isTemplated, case .literal(let value) = items, value.arrayValue == nil {
            collector.error(
                "'for_each' must be a list or an expression giving one, found \(itemsNode.typeDescription)",
                at: itemsNode.mark)
        }
        var forEach = ForEach(items: items)
        if let aliasNode = keys["as"], let alias = string(aliasNode, named: "as") {
            if !alias.isIdentifier {
                collector.error(
                    "'as' must start with a letter or '_' and hold only letters, digits and '_', found '\(alias)'",
                    at: aliasNode.textMark)
            } else if Self.contextNames.contains(alias) {
                collector.error("'as: \(alias)' would hide the '\(alias)' context; choose another name", at: aliasNode.textMark)
            } else {
                forEach.alias = alias
            }
        }
        var itemScope = scope
        itemScope.inForEach = true
        itemScope.itemAlias = forEach.alias
        if let filter = keys["where"] { forEach.filter = condition(filter, named: "where", scope: itemScope) }
        if let concurrency = keys["concurrency"] {
            forEach.concurrency = positiveInt(concurrency, named: "concurrency") ?? 1
        }
        if let failFast = keys["fail_fast"] { forEach.failFast = bool(failFast, named: "fail_fast") ?? false }
        return forEach
    }
}

extension String {
    /// `[A-Za-z_][A-Za-z0-9_]*`
    var isIdentifier: Bool {
        guard let first = unicodeScalars.first, first.isASCII, first == "_" || first.properties.isAlphabetic else {
            return false
        }
        return unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}
