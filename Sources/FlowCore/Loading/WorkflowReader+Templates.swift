import FlowYAML
import JSONValue

extension WorkflowReader {
    /// The value of `node` with every `${{ }}` parsed and checked against `scope`.
    mutating func templateValue(_ node: Node, scope: ExpressionScope) -> TemplateValue {
        switch node.kind {
        case .scalar(let scalar):
            guard case .string(let text) = scalar.value, text.contains("${{") else { return .literal(node.json) }
            return template(node, scope: scope).map(TemplateValue.template) ?? .literal(.null)
        case .sequence(let elements):
            let values = elements.map { templateValue($0, scope: scope) }
            if let literals = values.allLiterals { return .literal(.array(literals)) }
            return .array(values)
        case .mapping(let pairs):
            var members: [(key: String, value: TemplateValue)] = []
            for pair in pairs {
                let key = pair.key.scalar?.text ?? ""
                if key.contains("${{") {
                    collector.warning("'${{' in a key is not evaluated: keys are always literal text", at: pair.key.mark)
                }
                members.append((key, templateValue(pair.value, scope: scope)))
            }
            if let literals = members.map(\.value).allLiterals {
                return .literal(.object(Dictionary(zip(members.map(\.key), literals)) { first, _ in first }))
            }
            return .object(members)
        }
    }

    /// A templated scalar, parsed and checked; `nil` (with diagnostics) when it has errors.
    mutating func template(_ node: Node, scope: ExpressionScope) -> Template? {
        guard let scalar = node.scalar else { return nil }
        do {
            guard let template = try Template.parse(scalar.text, at: node.mark, quoted: scalar.isQuoted) else {
                return nil
            }
            var valid = true
            for expression in template.expressions where !check(expression, in: scope) { valid = false }
            return valid ? template : nil
        } catch {
            collector.error(error.message, at: error.mark)
            return nil
        }
    }

    /// A condition (`if`, `where`): a bare expression or exactly one `${{ }}`.
    mutating func condition(_ node: Node, named name: String, scope: ExpressionScope) -> Expression? {
        guard let scalar = node.scalar, scalar.value != .null else {
            collector.error("'\(name)' must be an expression, found \(node.typeDescription)", at: node.mark)
            return nil
        }
        if scalar.text.contains("${{") {
            guard let template = template(node, scope: scope) else { return nil }
            let expressions = template.expressions
            let onlyExpression = template.parts.allSatisfy {
                if case .text(let text) = $0 { text.allSatisfy(\.isWhitespace) } else { true }
            }
            guard expressions.count == 1, onlyExpression else {
                collector.error(
                    "'\(name)' must be a single expression, not text mixed with '${{ }}'", at: node.mark)
                return nil
            }
            return expressions[0]
        }
        do {
            let expression = try Expression.parse(scalar.text, at: node.textMark)
            return check(expression, in: scope) ? expression : nil
        } catch {
            collector.error(error.message, at: error.mark)
            return nil
        }
    }

    /// Reports the static problems of `expression`; `true` when there are none.
    mutating func check(_ expression: Expression, in scope: ExpressionScope) -> Bool {
        let problems = expression.check(in: scope)
        for problem in problems { collector.error(problem.message, at: problem.mark) }
        return problems.isEmpty
    }
}

extension [TemplateValue] {
    fileprivate var allLiterals: [JSON]? {
        var literals: [JSON] = []
        literals.reserveCapacity(count)
        for value in self {
            guard case .literal(let literal) = value else { return nil }
            literals.append(literal)
        }
        return literals
    }
}

extension Node {
    /// The node as plain JSON (expressions left as text).
    var json: JSON {
        switch kind {
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .int(let value): return .number(Double(value))
            case .float(let value): return .number(value)
            case .string(let value): return .string(value)
            }
        case .sequence(let elements):
            return .array(elements.map(\.json))
        case .mapping(let pairs):
            var members: [String: JSON] = [:]
            for pair in pairs where members[pair.key.scalar?.text ?? ""] == nil {
                members[pair.key.scalar?.text ?? ""] = pair.value.json
            }
            return .object(members)
        }
    }
}
