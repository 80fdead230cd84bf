import JSONValue
import Testing

@Suite struct NumberTests {
    /// Valid numbers → the nearest Double, compared bit for bit (so `-0` is told from `0`).
    @Test(arguments: [
        ("0", 0.0), ("-0", -0.0), ("7", 7), ("-7", -7), ("10", 10), ("1234567890", 1_234_567_890),
        ("0.5", 0.5), ("-0.5", -0.5), ("0.1", 0.1), ("3.14159", 3.14159), ("0.000001", 0.000001),
        ("1e2", 100), ("1E2", 100), ("1e+2", 100), ("1E+2", 100), ("1e-2", 0.01), ("1.5e3", 1500), ("-2.5E-3", -0.0025),
        ("0e0", 0), ("-0e5", -0.0), ("0.0", 0), ("-0.0", -0.0), ("1e0", 1), ("1e00", 1), ("1e-0", 1),
        // Integers at and beyond the 53-bit mantissa and Int64: rounded to the nearest Double.
        ("9007199254740992", 9_007_199_254_740_992), ("9007199254740993", 9_007_199_254_740_992),
        ("9223372036854775807", 9_223_372_036_854_775_808), ("-9223372036854775808", -9_223_372_036_854_775_808),
        ("18446744073709551615", 18_446_744_073_709_551_616), ("18446744073709551616", 18_446_744_073_709_551_616),
        ("123456789012345678901234567890", 1.2345678901234568e29),
        // Huge and tiny: the largest finite Double, subnormals, and underflow to (signed) zero.
        ("1.7976931348623157e308", .greatestFiniteMagnitude), ("-1.7976931348623157e308", -.greatestFiniteMagnitude),
        ("2.2250738585072014e-308", .leastNormalMagnitude), ("5e-324", .leastNonzeroMagnitude),
        ("1e-400", 0.0), ("-1e-400", -0.0), ("0e999999999999", 0.0),
        // Long fractions and exponents take the slow path; the result is still the nearest Double.
        ("0.1000000000000000055511151231257827", 0.1), ("1.00000000000000011102230246251565404236316680908203125", 1),
        ("1.00000000000000011102230246251565404236316680908203126", 1.0000000000000002),
        ("100000000000000000000000e-24", 0.1), ("1e22", 1e22), ("1e23", 1e23), ("9007199254740993e-22", 9.007199254740993e-7),
    ])
    func parses(_ text: String, _ expected: Double) throws {
        let value = try #require(try parsedNumber(text))
        #expect(value.bitPattern == expected.bitPattern, "\(text) → \(value), not \(expected)")
    }

    /// Texts that are not RFC 8259 numbers → the exact error.
    @Test(arguments: [
        ("01", "invalid JSON at byte 0: leading zero in a number"),
        ("-01", "invalid JSON at byte 0: leading zero in a number"),
        ("00", "invalid JSON at byte 0: leading zero in a number"),
        ("-", "invalid JSON at byte 1: expected a digit"),
        ("-a", "invalid JSON at byte 1: expected a digit"),
        ("- 1", "invalid JSON at byte 1: expected a digit"),
        ("+1", "invalid JSON at byte 0: unexpected character"),
        ("1.", "invalid JSON at byte 2: expected a digit after '.'"),
        ("1.e5", "invalid JSON at byte 2: expected a digit after '.'"),
        (".5", "invalid JSON at byte 0: unexpected character"),
        ("-.5", "invalid JSON at byte 1: expected a digit"),
        ("1e", "invalid JSON at byte 2: expected a digit in the exponent"),
        ("1e+", "invalid JSON at byte 3: expected a digit in the exponent"),
        ("1E-", "invalid JSON at byte 3: expected a digit in the exponent"),
        ("1e+-2", "invalid JSON at byte 3: expected a digit in the exponent"),
        ("1.5.2", "invalid JSON at byte 3: unexpected text after the value"),
        ("1e5e5", "invalid JSON at byte 3: unexpected text after the value"),
        ("1-2", "invalid JSON at byte 1: unexpected text after the value"),
        ("0x10", "invalid JSON at byte 1: unexpected text after the value"),
        ("1_000", "invalid JSON at byte 1: unexpected text after the value"),
        ("Infinity", "invalid JSON at byte 0: unexpected character"),
        ("-Infinity", "invalid JSON at byte 1: expected a digit"),
        ("NaN", "invalid JSON at byte 0: unexpected character"),
        ("1e400", "invalid JSON at byte 0: number too large (the largest is about 1.8e308)"),
        ("-1e400", "invalid JSON at byte 0: number too large (the largest is about 1.8e308)"),
        ("[1, 1.8e308]", "invalid JSON at byte 4: number too large (the largest is about 1.8e308)"),
        ("1" + String(repeating: "0", count: 400), "invalid JSON at byte 0: number too large (the largest is about 1.8e308)"),
    ])
    func refuses(_ text: String, _ expected: String) {
        #expect(parseError(text) == expected)
    }

    /// An exponent with more digits than any Int saturates instead of overflowing.
    @Test func aVeryLongExponentSaturates() throws {
        let digits = String(repeating: "9", count: 40)
        #expect(try parsedNumber("0.5e-" + digits)?.bitPattern == 0.0.bitPattern)
        #expect(parseError("0.5e" + digits) == "invalid JSON at byte 0: number too large (the largest is about 1.8e308)")
    }
}
