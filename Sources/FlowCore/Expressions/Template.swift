import FlowYAML
import JSONValue

/// A scalar with `${{ }}` expressions in it. (Contract; the parser fills it in.)
///
/// When the scalar is exactly one expression the value keeps its type; otherwise each expression is
/// rendered into the string (strings as they are, lists and objects as compact JSON).
public struct Template: Sendable {
    public enum Part: Sendable {
        case text(String)
        case expression(Expression)
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// Parses a scalar's text; `nil` when it contains no `${{`. `mark` is the scalar's position and
    /// `quoted` whether it was written in quotes (its text starts one column later).
    public static func parse(_ text: String, at mark: Mark, quoted: Bool) throws(ExpressionError) -> Template? {
        guard text.contains("${{") else { return nil }
        throw ExpressionError(message: "expressions are not implemented yet", mark: mark)
    }

    public var expressions: [Expression] {
        parts.compactMap { if case .expression(let expression) = $0 { expression } else { nil } }
    }

    public func evaluate(in context: EvaluationContext) throws(EvaluationError) -> JSON {
        throw EvaluationError(message: "expressions are not implemented yet", expression: "")
    }
}
