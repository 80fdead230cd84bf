import JSONValue

/// One token of an expression, with its offset (in Unicode scalars) from the start of the source.
struct ExpressionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case number(Double)
        case string(String)
        case identifier(String)
        case symbol(Symbol)
        case end
    }

    enum Symbol: String, Sendable {
        case leftParenthesis = "("
        case rightParenthesis = ")"
        case leftBracket = "["
        case rightBracket = "]"
        case dot = "."
        case comma = ","
        case star = "*"
        case not = "!"
        case plus = "+"
        case minus = "-"
        case slash = "/"
        case percent = "%"
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case and = "&&"
        case or = "||"
    }

    var kind: Kind
    var offset: Int

    /// How the token is named in a syntax error: `'foo'`, `')'`, `the end of the expression`.
    var quoted: String {
        switch kind {
        case .number(let value): "'\(JSON.format(value))'"
        case .string: "a string"
        case .identifier(let name): "'\(name)'"
        case .symbol(let symbol): "'\(symbol.rawValue)'"
        case .end: "the end of the expression"
        }
    }
}
