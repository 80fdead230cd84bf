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
        let bytes = Array(text.utf8)
        guard var open = find(opening: bytes, from: 0) else { return nil }
        let start = Mark(line: mark.line, column: mark.column + (quoted ? 1 : 0))
        var parts: [Part] = []
        var textStart = 0
        while true {
            if open > textStart { parts.append(.text(String(decoding: bytes[textStart..<open], as: UTF8.self))) }
            let contentStart = open + 3
            guard let close = find(closing: bytes, from: contentStart) else {
                throw ExpressionError(
                    message: "expected '}}' to close '${{'", mark: Self.mark(at: open, in: bytes, from: start))
            }
            let content = String(decoding: bytes[contentStart..<close], as: UTF8.self)
            let contentMark = Self.mark(at: contentStart, in: bytes, from: start)
            parts.append(.expression(try Expression.parse(content, at: contentMark)))
            textStart = close + 2
            guard let next = find(opening: bytes, from: textStart) else { break }
            open = next
        }
        if textStart < bytes.count { parts.append(.text(String(decoding: bytes[textStart...], as: UTF8.self))) }
        return Template(parts: parts)
    }

    /// The position of the byte at `offset`: scalars counted on the line, lines counted at line breaks.
    private static func mark(at offset: Int, in bytes: [UInt8], from start: Mark) -> Mark {
        var position = start
        for byte in bytes[..<offset] {
            if byte == 0x0A {
                position = Mark(line: position.line + 1, column: 1)
            } else if byte & 0xC0 != 0x80 {
                position.column += 1
            }
        }
        return position
    }

    private static func find(opening bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{"),
                bytes[index + 2] == UInt8(ascii: "{")
            {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The offset of the `}}` that ends an expression, skipping `'strings'`.
    private static func find(closing bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") {
                inString.toggle()
            } else if !inString, byte == UInt8(ascii: "}"), index + 1 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "}")
            {
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
