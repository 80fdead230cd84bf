/// A syntax error at an offset (in Unicode scalars) inside the expression's source.
struct ExpressionSyntaxError: Error, Sendable {
    var message: String
    var offset: Int
}

/// Splits an expression's source into tokens, reading UTF-8 bytes. Offsets count Unicode scalars, as
/// file columns do; everything outside string literals is ASCII.
struct ExpressionLexer {
    /// More tokens than this is not an expression anyone writes, and it bounds the parser's recursion.
    static let maximumTokens = 500

    private let bytes: [UInt8]
    private var position = 0
    /// Unicode scalars before `position`.
    private var scalarOffset = 0

    private init(_ source: String) {
        bytes = Array(source.utf8)
    }

    static func tokens(of source: String) throws(ExpressionSyntaxError) -> [ExpressionToken] {
        var lexer = ExpressionLexer(source)
        var tokens: [ExpressionToken] = []
        tokens.reserveCapacity(8)
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

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func peek(_ distance: Int) -> UInt8? {
        position + distance < bytes.count ? bytes[position + distance] : nil
    }

    /// Moves over `count` ASCII bytes.
    private mutating func skip(_ count: Int = 1) {
        position += count
        scalarOffset += count
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private mutating func next() throws(ExpressionSyntaxError) -> ExpressionToken {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { skip() }
        let offset = scalarOffset
        guard let byte = current else { return ExpressionToken(kind: .end, offset: offset) }
        let kind: ExpressionToken.Kind
        if byte == UInt8(ascii: "'") {
            kind = .string(try readString())
        } else if byte.isDigit {
            kind = .number(try readNumber())
        } else if byte.isIdentifierStart {
            let start = position
            while let next = current, next.isIdentifierStart || next.isDigit { skip() }
            kind = .identifier(text(start, position))
        } else {
            kind = .symbol(try readSymbol())
        }
        return ExpressionToken(kind: kind, offset: offset)
    }

    private mutating func readSymbol() throws(ExpressionSyntaxError) -> ExpressionToken.Symbol {
        let first = bytes[position]
        let second = peek(1)
        let pair: ExpressionToken.Symbol? =
            switch (first, second) {
            case (UInt8(ascii: "="), UInt8(ascii: "=")): .equal
            case (UInt8(ascii: "!"), UInt8(ascii: "=")): .notEqual
            case (UInt8(ascii: "<"), UInt8(ascii: "=")): .lessOrEqual
            case (UInt8(ascii: ">"), UInt8(ascii: "=")): .greaterOrEqual
            case (UInt8(ascii: "&"), UInt8(ascii: "&")): .and
            case (UInt8(ascii: "|"), UInt8(ascii: "|")): .or
            default: nil
            }
        if let pair {
            skip(2)
            return pair
        }
        if let single = ExpressionToken.Symbol(byte: first) {
            skip()
            return single
        }
        let hint: String =
            switch first {
            case UInt8(ascii: "="): "; use '==' to compare"
            case UInt8(ascii: "&"): "; use '&&'"
            case UInt8(ascii: "|"): "; use '||'"
            case UInt8(ascii: "\""): "; strings use single quotes"
            default: ""
            }
        var end = position + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let character = text(position, end)
        throw ExpressionSyntaxError(message: "unexpected character '\(character)'\(hint)", offset: scalarOffset)
    }

    /// `'text'`, with `''` standing for one quote.
    private mutating func readString() throws(ExpressionSyntaxError) -> String {
        let startOffset = scalarOffset
        skip()
        let start = position
        var escaped = false
        while true {
            guard let byte = current else {
                let message = "unterminated string: expected a closing quote"
                throw ExpressionSyntaxError(message: message, offset: startOffset)
            }
            if byte == UInt8(ascii: "'") {
                guard peek(1) == UInt8(ascii: "'") else { break }
                escaped = true
                skip(2)
            } else {
                position += 1
                if byte & 0xC0 != 0x80 { scalarOffset += 1 }
            }
        }
        let value = text(start, position)
        skip()
        return escaped ? value.replacing("''", with: "'") : value
    }

    /// `12`, `1.5`, `2e3`, `0x1F`.
    private mutating func readNumber() throws(ExpressionSyntaxError) -> Double {
        let start = position
        var value: Double?
        if bytes[position] == UInt8(ascii: "0"), let x = peek(1), x | 0x20 == UInt8(ascii: "x") {
            skip(2)
            let digitsStart = position
            while let byte = current, byte.isHexDigit { skip() }
            value = UInt64(text(digitsStart, position), radix: 16).map { Double($0) }
        } else {
            while let byte = current, byte.isDigit { skip() }
            if current == UInt8(ascii: "."), let next = peek(1), next.isDigit {
                skip()
                while let byte = current, byte.isDigit { skip() }
            }
            if let e = current, e | 0x20 == UInt8(ascii: "e") {
                let sign = peek(1)
                let length = sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") ? 2 : 1
                if let digit = peek(length), digit.isDigit {
                    skip(length)
                    while let byte = current, byte.isDigit { skip() }
                }
            }
            value = Double(text(start, position))
        }
        var trailing = false
        while let byte = current,
            byte.isIdentifierStart || byte.isDigit || (byte == UInt8(ascii: ".") && peek(1)?.isDigit == true)
        {
            skip()
            trailing = true
        }
        guard let value, !trailing else {
            let offset = scalarOffset - (position - start)
            throw ExpressionSyntaxError(message: "invalid number '\(text(start, position))'", offset: offset)
        }
        return value
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    fileprivate var isHexDigit: Bool { isDigit || (self | 0x20 >= 0x61 && self | 0x20 <= 0x66) }
    fileprivate var isIdentifierStart: Bool { (self | 0x20 >= 0x61 && self | 0x20 <= 0x7A) || self == 0x5F }
}
