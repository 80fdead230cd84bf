import JSONValue

/// A value from the workflow file that may contain `${{ }}` expressions: a literal, a templated
/// scalar, or a list or mapping of such values. Evaluated by the engine when the step runs.
public indirect enum TemplateValue: Sendable {
    case literal(JSON)
    case template(Template)
    case array([TemplateValue])
    case object([(key: String, value: TemplateValue)])

    /// The value with every expression evaluated in `context`.
    public func evaluate(in context: EvaluationContext) throws(EvaluationError) -> JSON {
        switch self {
        case .literal(let value):
            return value
        case .template(let template):
            return try template.evaluate(in: context)
        case .array(let elements):
            var values: [JSON] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try element.evaluate(in: context)) }
            return .array(values)
        case .object(let members):
            var values: [String: JSON] = [:]
            values.reserveCapacity(members.count)
            for member in members { values[member.key] = try member.value.evaluate(in: context) }
            return .object(values)
        }
    }

    /// Every expression inside the value, in file order (for checking and for static analysis).
    public var expressions: [Expression] {
        switch self {
        case .literal: []
        case .template(let template): template.expressions
        case .array(let elements): elements.flatMap(\.expressions)
        case .object(let members): members.flatMap(\.value.expressions)
        }
    }

    /// The literal value when the value holds no expression.
    public var literal: JSON? {
        switch self {
        case .literal(let value): return value
        case .template: return nil
        case .array(let elements):
            var values: [JSON] = []
            for element in elements {
                guard let value = element.literal else { return nil }
                values.append(value)
            }
            return .array(values)
        case .object(let members):
            var values: [String: JSON] = [:]
            for member in members {
                guard let value = member.value.literal else { return nil }
                values[member.key] = value
            }
            return .object(values)
        }
    }
}
