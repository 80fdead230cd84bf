import FlowYAML
import JSONValue

/// A scalar with `${{ }}` expressions in it.
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
    ///
    /// Inside `${{ … }}`, a `}}` within a quoted string does not end the expression. Positions are
    /// counted in the text: exact for single-line scalars without escapes; after a line break, lines
    /// are counted and columns start at 1.
    public static func parse(_ text: String, at mark: Mark, quoted: Bool) throws(ExpressionError) -> Template? {
        guard text.contains("${{") else { return nil }
        let scalars = Array(text.unicodeScalars)
        let start = Mark(line: mark.line, column: mark.column + (quoted ? 1 : 0))
        var parts: [Part] = []
        var textStart = 0
        var position = 0
        while let open = Self.find(opening: scalars, from: position) {
            if open > textStart { parts.append(.text(Self.string(scalars[textStart..<open]))) }
            let contentStart = open + 3
            guard let close = Self.find(closing: scalars, from: contentStart) else {
                throw ExpressionError(
                    message: "expected '}}' to close '${{'", mark: Expression.mark(at: open, in: text, from: start))
            }
            let content = Self.string(scalars[contentStart..<close])
            let contentMark = Expression.mark(at: contentStart, in: text, from: start)
            parts.append(.expression(try Expression.parse(content, at: contentMark)))
            position = close + 2
            textStart = position
        }
        if textStart < scalars.count { parts.append(.text(Self.string(scalars[textStart...]))) }
        return Template(parts: parts)
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }

    private static func find(opening scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index + 2 < scalars.count {
            if scalars[index] == "$", scalars[index + 1] == "{", scalars[index + 2] == "{" { return index }
            index += 1
        }
        return nil
    }

    /// The offset of the `}}` that ends an expression, skipping `'strings'`.
    private static func find(closing scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        var inString = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "'" {
                inString.toggle()
            } else if !inString, scalar == "}", index + 1 < scalars.count, scalars[index + 1] == "}" {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Static problems of every expression in the template.
    public func check(in scope: ExpressionScope) -> [ExpressionError] {
        expressions.flatMap { $0.check(in: scope) }
    }

    /// Whether any expression calls `always()`, `success()` or `failure()`.
    public var usesStatusFunction: Bool { expressions.contains(where: \.usesStatusFunction) }

    public var expressions: [Expression] {
        parts.compactMap { if case .expression(let expression) = $0 { expression } else { nil } }
    }

    /// The value: a single expression's own value when the template is nothing else, otherwise the text
    /// with every expression's value rendered with `JSON.interpolated`.
    public func evaluate(in context: EvaluationContext) throws(EvaluationError) -> JSON {
        if parts.count == 1, case .expression(let expression) = parts[0] { return try expression.evaluate(in: context) }
        var output = ""
        for part in parts {
            switch part {
            case .text(let text): output += text
            case .expression(let expression): output += try expression.evaluate(in: context).interpolated
            }
        }
        return .string(output)
    }
}
