import JSONValue

/// Turns tokens into an `ExpressionNode` by precedence climbing.
///
/// Precedence, loosest first: `||`, `&&`, `== !=`, `< <= > >=`, `+ -`, `* / %`, then the prefix
/// operators `!` and `-`, then property access, indexing and calls.
struct ExpressionParser {
    /// Deeper nesting of parentheses, brackets, calls and prefix operators is refused, which bounds recursion.
    static let maximumDepth = 32

    private let tokens: [ExpressionToken]
    private var position = 0
    private var depth = 0

    static func parse(_ source: String) throws(ExpressionSyntaxError) -> ExpressionNode {
        var parser = ExpressionParser(tokens: try ExpressionLexer.tokens(of: source))
        let node = try parser.parseExpression(minimumPrecedence: 0, after: nil)
        guard case .end = parser.current.kind else {
            throw parser.error("unexpected \(parser.current.quoted) after the expression")
        }
        return node
    }

    private init(tokens: [ExpressionToken]) {
        self.tokens = tokens
    }

    private var current: ExpressionToken { tokens[position] }

    private func error(_ message: String, at token: ExpressionToken? = nil) -> ExpressionSyntaxError {
        ExpressionSyntaxError(message: message, offset: (token ?? current).offset)
    }

    private mutating func advance() -> ExpressionToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func accept(_ symbol: ExpressionToken.Symbol) -> Bool {
        guard current.kind == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func expect(
        _ symbol: ExpressionToken.Symbol, _ context: @autoclosure () -> String
    ) throws(ExpressionSyntaxError) {
        guard accept(symbol) else { throw error("expected '\(symbol.rawValue)' \(context())") }
    }

    /// Enters one level of nesting that starts at `offset`.
    private mutating func nest(at offset: Int) throws(ExpressionSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw ExpressionSyntaxError(
                message: "the expression is nested too deeply (more than \(Self.maximumDepth) levels)", offset: offset)
        }
    }

    /// A binary operator's precedence (higher binds tighter).
    private static func precedence(of symbol: ExpressionToken.Symbol) -> Int? {
        switch symbol {
        case .or: 1
        case .and: 2
        case .equal, .notEqual: 3
        case .less, .lessOrEqual, .greater, .greaterOrEqual: 4
        case .plus, .minus: 5
        case .star, .slash, .percent: 6
        default: nil
        }
    }

    private mutating func parseExpression(
        minimumPrecedence: Int, after previous: ExpressionToken.Symbol?
    ) throws(ExpressionSyntaxError) -> ExpressionNode {
        var left = try parseUnary(after: previous)
        while case .symbol(let symbol) = current.kind, let precedence = Self.precedence(of: symbol),
            precedence >= minimumPrecedence
        {
            position += 1
            let right = try parseExpression(minimumPrecedence: precedence + 1, after: symbol)
            left = Self.combine(symbol, left, right)
        }
        return left
    }

    private static func combine(
        _ symbol: ExpressionToken.Symbol, _ left: ExpressionNode, _ right: ExpressionNode
    ) -> ExpressionNode {
        let operation: BinaryOperator
        switch symbol {
        case .or: return .or(left, right)
        case .and: return .and(left, right)
        case .equal: operation = .equal
        case .notEqual: operation = .notEqual
        case .less: operation = .less
        case .lessOrEqual: operation = .lessOrEqual
        case .greater: operation = .greater
        case .greaterOrEqual: operation = .greaterOrEqual
        case .plus: operation = .add
        case .minus: operation = .subtract
        case .star: operation = .multiply
        case .slash: operation = .divide
        default: operation = .remainder
        }
        return .binary(operation, left, right)
    }

    private mutating func parseUnary(
        after previous: ExpressionToken.Symbol?
    ) throws(ExpressionSyntaxError) -> ExpressionNode {
        let offset = current.offset
        if accept(.not) {
            try nest(at: offset)
            defer { depth -= 1 }
            return .not(try parseUnary(after: .not))
        }
        if accept(.minus) {
            try nest(at: offset)
            defer { depth -= 1 }
            let operand = try parseUnary(after: .minus)
            if case .literal(.number(let value)) = operand { return .literal(.number(-value)) }
            return .negate(operand)
        }
        return try parsePostfix(try parsePrimary(after: previous))
    }

    private mutating func parsePrimary(
        after previous: ExpressionToken.Symbol?
    ) throws(ExpressionSyntaxError) -> ExpressionNode {
        let token = advance()
        switch token.kind {
        case .number(let value):
            return .literal(.number(value))
        case .string(let value):
            return .literal(.string(value))
        case .identifier(let name):
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default: break
            }
            if accept(.leftParenthesis) { return try parseCall(name, at: token.offset) }
            return .context(ExpressionContext(name), offset: token.offset)
        case .symbol(.leftParenthesis):
            try nest(at: token.offset)
            defer { depth -= 1 }
            let inner = try parseExpression(minimumPrecedence: 0, after: .leftParenthesis)
            try expect(.rightParenthesis, "to close '('")
            return inner
        default:
            let place = previous.map { " after '\($0.rawValue)'" } ?? ""
            throw error("expected a value\(place), found \(token.quoted)", at: token)
        }
    }

    private mutating func parseCall(_ name: String, at offset: Int) throws(ExpressionSyntaxError) -> ExpressionNode {
        try nest(at: offset)
        defer { depth -= 1 }
        var arguments: [ExpressionNode] = []
        if !accept(.rightParenthesis) {
            repeat {
                arguments.append(try parseExpression(minimumPrecedence: 0, after: nil))
            } while accept(.comma)
            try expect(.rightParenthesis, "after the arguments of '\(name)'")
        }
        let function = ExpressionFunction(rawValue: name)
        return .call(FunctionCall(function: function, name: name, arguments: arguments, offset: offset))
    }

    private mutating func parsePostfix(_ base: ExpressionNode) throws(ExpressionSyntaxError) -> ExpressionNode {
        var node = base
        while true {
            if accept(.dot) {
                let token = advance()
                switch token.kind {
                case .identifier(let name): node = .member(node, name, offset: token.offset)
                case .symbol(.star): node = .wildcard(node)
                default: throw error("expected a property name or '*' after '.', found \(token.quoted)", at: token)
                }
            } else if case .symbol(.leftBracket) = current.kind {
                let bracket = advance()
                if accept(.star) {
                    node = .wildcard(node)
                } else {
                    try nest(at: bracket.offset)
                    let keyToken = current
                    let key = try parseExpression(minimumPrecedence: 0, after: .leftBracket)
                    depth -= 1
                    if case .literal(.string(let name)) = key {
                        node = .member(node, name, offset: keyToken.offset)
                    } else {
                        node = .index(node, key)
                    }
                }
                try expect(.rightBracket, "after the index")
            } else {
                return node
            }
        }
    }
}
