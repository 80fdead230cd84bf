extension JSONReader {
    /// Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` as the nearest `Double`.
    ///
    /// Most numbers take the exact fast path: up to 19 digits gathered in an integer, then one correctly
    /// rounded conversion (and, for a fraction or exponent within ±22, one multiplication or division by
    /// an exact power of ten). The rest are converted from their text by the standard library. Values
    /// too small for a `Double` become ±0; values too large are refused rather than made infinite (which
    /// JSON cannot write back).
    mutating func readNumber() throws(JSONParseError) -> Double {
        let start = position
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0

        guard let first = current, Self.isDigit(first) else { throw error("expected a digit") }
        if first == UInt8(ascii: "0") {
            position += 1
            if let next = current, Self.isDigit(next) {
                throw JSONParseError(offset: start, reason: "leading zero in a number")
            }
        } else {
            while let byte = current, Self.isDigit(byte) {
                Self.gather(byte, into: &mantissa, digits: &digits)
                position += 1
            }
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard let byte = current, Self.isDigit(byte) else { throw error("expected a digit after '.'") }
            while let byte = current, Self.isDigit(byte) {
                Self.gather(byte, into: &mantissa, digits: &digits)
                exponent -= 1
                position += 1
            }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            exponent += try readExponent()
        }

        if digits <= 19 {
            if mantissa == 0 { return negative ? -0.0 : 0.0 }
            if let value = Self.exactly(mantissa, exponent) { return negative ? -value : value }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text) else { throw JSONParseError(offset: start, reason: "invalid number") }
        guard value.isFinite else {
            throw JSONParseError(offset: start, reason: "number too large (the largest is about 1.8e308)")
        }
        return value
    }

    /// The exponent after `e` or `E`: an optional sign and at least one digit (saturating far beyond
    /// any exponent a `Double` can use, so a long run of digits cannot overflow).
    private mutating func readExponent() throws(JSONParseError) -> Int {
        var sign = 1
        if current == UInt8(ascii: "+") {
            position += 1
        } else if current == UInt8(ascii: "-") {
            sign = -1
            position += 1
        }
        guard let byte = current, Self.isDigit(byte) else { throw error("expected a digit in the exponent") }
        var value = 0
        while let byte = current, Self.isDigit(byte) {
            if value < 1_000_000 { value = value * 10 + Int(byte &- 0x30) }
            position += 1
        }
        return sign * value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Adds one decimal digit to `mantissa` while it has fewer than 19 (so it cannot overflow); `digits`
    /// counts them all, so a longer number is known to need the slow path.
    private static func gather(_ byte: UInt8, into mantissa: inout UInt64, digits: inout Int) {
        if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30) }
        digits += 1
    }

    /// `mantissa × 10^exponent` when it can be computed with one rounding: an integer converts exactly
    /// rounded; otherwise a mantissa below 2^53 and a power of ten that is itself exact (10^22 at most).
    private static func exactly(_ mantissa: UInt64, _ exponent: Int) -> Double? {
        if exponent == 0 { return Double(mantissa) }
        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let value = Double(mantissa)
        return exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
