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

extension ExpressionToken.Symbol {
    /// The one-character symbol `byte` stands for.
    init?(byte: UInt8) {
        switch byte {
        case UInt8(ascii: "("): self = .leftParenthesis
        case UInt8(ascii: ")"): self = .rightParenthesis
        case UInt8(ascii: "["): self = .leftBracket
        case UInt8(ascii: "]"): self = .rightBracket
        case UInt8(ascii: "."): self = .dot
        case UInt8(ascii: ","): self = .comma
        case UInt8(ascii: "*"): self = .star
        case UInt8(ascii: "!"): self = .not
        case UInt8(ascii: "+"): self = .plus
        case UInt8(ascii: "-"): self = .minus
        case UInt8(ascii: "/"): self = .slash
        case UInt8(ascii: "%"): self = .percent
        case UInt8(ascii: "<"): self = .less
        case UInt8(ascii: ">"): self = .greater
        default: return nil
        }
    }
}
