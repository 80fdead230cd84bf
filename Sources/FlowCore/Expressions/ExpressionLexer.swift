/// A syntax error at an offset (in Unicode scalars) inside the expression's source.
struct ExpressionSyntaxError: Error, Sendable {
    var message: String
    var offset: Int
}

/// Splits an expression's source into tokens. Offsets count Unicode scalars, as file columns do.
struct ExpressionLexer {
    /// More tokens than this is not an expression anyone writes, and it bounds the parser's recursion.
    static let maximumTokens = 500

    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    static func tokens(of source: String) throws(ExpressionSyntaxError) -> [ExpressionToken] {
        var lexer = ExpressionLexer(source)
        var tokens: [ExpressionToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
            if tokens.count > maximumTokens {
                throw ExpressionSyntaxError(
                    message: "the expression is too long (more than \(maximumTokens) tokens)", offset: token.offset)
            }
        }
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func peek(_ distance: Int) -> Unicode.Scalar? {
        position + distance < scalars.count ? scalars[position + distance] : nil
    }

    mutating func next() throws(ExpressionSyntaxError) -> ExpressionToken {
        while let scalar = current, scalar.properties.isWhitespace { position += 1 }
        let start = position
        guard let scalar = current else { return ExpressionToken(kind: .end, offset: start) }
        if scalar == "'" { return ExpressionToken(kind: .string(try readString()), offset: start) }
        if scalar.isDigit { return ExpressionToken(kind: .number(try readNumber()), offset: start) }
        if scalar.isIdentifierStart {
            while let next = current, next.isIdentifierStart || next.isDigit { position += 1 }
            let name = String(String.UnicodeScalarView(scalars[start..<position]))
            return ExpressionToken(kind: .identifier(name), offset: start)
        }
        return ExpressionToken(kind: .symbol(try readSymbol()), offset: start)
    }

    private mutating func readSymbol() throws(ExpressionSyntaxError) -> ExpressionToken.Symbol {
        let first = scalars[position]
        let second = peek(1)
        let pair: ExpressionToken.Symbol? =
            switch (first, second) {
            case ("=", "="): .equal
            case ("!", "="): .notEqual
            case ("<", "="): .lessOrEqual
            case (">", "="): .greaterOrEqual
            case ("&", "&"): .and
            case ("|", "|"): .or
            default: nil
            }
        if let pair {
            position += 2
            return pair
        }
        guard let single = ExpressionToken.Symbol(rawValue: String(first)) else {
            let hint: String =
                switch first {
                case "=": "; use '==' to compare"
                case "&": "; use '&&'"
                case "|": "; use '||'"
                case "\"": "; strings use single quotes"
                default: ""
                }
            throw ExpressionSyntaxError(message: "unexpected character '\(first)'\(hint)", offset: position)
        }
        position += 1
        return single
    }

    /// `'text'`, with `''` standing for one quote.
    private mutating func readString() throws(ExpressionSyntaxError) -> String {
        let start = position
        position += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = current else {
                throw ExpressionSyntaxError(message: "unterminated string: expected a closing quote", offset: start)
            }
            position += 1
            if scalar == "'" {
                guard current == "'" else { return String(text) }
                position += 1
            }
            text.append(scalar)
        }
    }

    /// `12`, `1.5`, `2e3`, `0x1F`.
    private mutating func readNumber() throws(ExpressionSyntaxError) -> Double {
        let start = position
        var value: Double?
        if scalars[position] == "0", let x = peek(1), x == "x" || x == "X" {
            position += 2
            let digitsStart = position
            while let scalar = current, scalar.properties.isASCIIHexDigit { position += 1 }
            let digits = String(String.UnicodeScalarView(scalars[digitsStart..<position]))
            value = UInt64(digits, radix: 16).map { Double($0) }
        } else {
            while let scalar = current, scalar.isDigit { position += 1 }
            if current == ".", let next = peek(1), next.isDigit {
                position += 1
                while let scalar = current, scalar.isDigit { position += 1 }
            }
            if let e = current, e == "e" || e == "E" {
                let sign = peek(1)
                let skip = sign == "+" || sign == "-" ? 2 : 1
                if let digit = peek(skip), digit.isDigit {
                    position += skip
                    while let scalar = current, scalar.isDigit { position += 1 }
                }
            }
            value = Double(String(String.UnicodeScalarView(scalars[start..<position])))
        }
        var trailing = false
        while let scalar = current,
            scalar.isIdentifierStart || scalar.isDigit || (scalar == "." && peek(1)?.isDigit == true)
        {
            position += 1
            trailing = true
        }
        guard let value, !trailing else {
            let text = String(String.UnicodeScalarView(scalars[start..<position]))
            throw ExpressionSyntaxError(message: "invalid number '\(text)'", offset: start)
        }
        return value
    }
}

extension Unicode.Scalar {
    var isDigit: Bool { ("0"..."9").contains(self) }
    var isIdentifierStart: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_" }
}
