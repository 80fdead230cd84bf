/// The YAML 1.2 core schema: what a scalar's text means, from its bytes.
///
/// Plain scalars are checked with a first-byte test before any work, so ordinary words cost one
/// comparison. No regular expressions, no Foundation, and no string is made for a scalar whose value is its
/// text: the node keeps the text itself.
enum ScalarResolver {
    /// A core-schema number, or why the text is not one.
    enum Number: Equatable {
        case int(Int)
        case float(Double)
        /// Written as an integer, but beyond `Int.min ... Int.max`.
        case tooLarge
        case notANumber
    }

    /// What an untagged scalar means, its text left aside.
    enum Resolution {
        /// A null, boolean or number (never `.string`).
        case value(Scalar.Value)
        case string
        /// A plain integer beyond 64 bits: an error, and a string.
        case integerTooLarge

        /// The scalar's value, given its text.
        func value(text: @autoclosure () -> String) -> Scalar.Value {
            if case .value(let value) = self { return value }
            return .string(text())
        }
    }

    static let tagPrefix = "tag:yaml.org,2002:"

    /// An untagged scalar: quoted and block scalars are strings, plain ones are resolved.
    @inline(__always)
    static func untagged(_ bytes: UnsafeBufferPointer<UInt8>, style: Scalar.Style) -> Resolution {
        style == .plain ? plain(bytes) : .string
    }

    /// A plain, untagged scalar.
    @inline(__always)
    static func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> Resolution {
        guard let first = bytes.first else { return .value(.null) }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            switch number(bytes) {
            case .int(let value): return .value(.int(value))
            case .float(let value): return .value(.float(value))
            case .tooLarge: return .integerTooLarge
            case .notANumber: return .string
            }
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            return isNull(bytes) ? .value(.null) : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return bool(bytes).map { .value(.bool($0)) } ?? .string
        default:
            return .string
        }
    }

    /// The value of a scalar with one of the core tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`),
    /// `nil` when the text does not fit the tag. Other tags keep the text as a string.
    static func tagged(_ tag: String, bytes: UnsafeBufferPointer<UInt8>, text: String) -> Scalar.Value? {
        guard tag.hasPrefix(tagPrefix) else { return .string(text) }
        switch tag.dropFirst(tagPrefix.count) {
        case "int":
            if case .int(let value) = number(bytes) { return .int(value) }
            return nil
        case "float":
            switch number(bytes) {
            case .int(let value): return .float(Double(value))
            case .float(let value): return .float(value)
            case .tooLarge, .notANumber: return nil
            }
        case "bool":
            return bool(bytes).map(Scalar.Value.bool)
        case "null":
            return bytes.isEmpty || isNull(bytes) ? .null : nil
        default:
            return .string(text)
        }
    }

    static func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count <= 4 && (equal(bytes, "~") || equal(bytes, "null") || equal(bytes, "Null") || equal(bytes, "NULL"))
    }

    static func bool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.count == 4 || bytes.count == 5 else { return nil }
        if equal(bytes, "true") || equal(bytes, "True") || equal(bytes, "TRUE") { return true }
        if equal(bytes, "false") || equal(bytes, "False") || equal(bytes, "FALSE") { return false }
        return nil
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+` as integers; `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`,
    /// `[-+]?\.(inf|Inf|INF)` and `\.(nan|NaN|NAN)` as floats.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Number {
        let count = bytes.count
        guard count > 0 else { return .notANumber }
        if count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "x") { return integer(bytes, from: 2, radix: 16, negative: false) }
            if bytes[1] == UInt8(ascii: "o") { return integer(bytes, from: 2, radix: 8, negative: false) }
        }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") { index = 1 }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            let rest = UnsafeBufferPointer(rebasing: bytes[(index + 1)...])
            if equal(rest, "inf") || equal(rest, "Inf") || equal(rest, "INF") {
                return .float(negative ? -.infinity : .infinity)
            }
            if index == 0, equal(rest, "nan") || equal(rest, "NaN") || equal(rest, "NAN") {
                return .float(.nan)
            }
        }
        let integerStart = index
        while index < count, isDigit(bytes[index]) { index += 1 }
        let integerDigits = index - integerStart
        if index == count {
            return integerDigits == 0 ? .notANumber : integer(bytes, from: integerStart, radix: 10, negative: negative)
        }
        var fractionDigits = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, isDigit(bytes[index]) {
                index += 1
                fractionDigits += 1
            }
        }
        guard integerDigits > 0 || fractionDigits > 0 else { return .notANumber }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            let exponentStart = index
            while index < count, isDigit(bytes[index]) { index += 1 }
            guard index > exponentStart else { return .notANumber }
        }
        guard index == count, let value = Double(String(decoding: bytes, as: UTF8.self)) else { return .notANumber }
        return .float(value)
    }

    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int, negative: Bool)
        -> Number
    {
        guard start < bytes.count else { return .notANumber }
        var value = 0
        for byte in bytes[start...] {
            guard let digit = digitValue(byte), digit < radix else { return .notANumber }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, carry) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return integerDigitsOnly(bytes, from: start, radix: radix) }
            value = sum
        }
        return .int(value)
    }

    /// After an overflow: `.tooLarge` if the rest is still digits, else not a number at all.
    private static func integerDigitsOnly(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int) -> Number {
        bytes[start...].allSatisfy { digitValue($0).map { $0 < radix } ?? false } ? .tooLarge : .notANumber
    }

    /// Whether `bytes` are those of `word`.
    @inline(__always)
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        bytes.count == word.utf8CodeUnitCount
            && bytes.elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
