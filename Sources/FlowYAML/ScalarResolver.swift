/// The YAML 1.2 core schema: what a scalar's text means, from its bytes.
///
/// Plain scalars are checked with a first-byte test before any work, so ordinary words cost one
/// comparison. No regular expressions, no Foundation.
enum ScalarResolver {
    /// A core-schema number, or why the text is not one.
    enum Number: Equatable {
        case int(Int)
        case float(Double)
        /// Written as an integer, but beyond `Int.min ... Int.max`.
        case tooLarge
        case notANumber
    }

    static let tagPrefix = "tag:yaml.org,2002:"

    /// The value of a plain, untagged scalar; `nil` when it is an integer too large for `Int`.
    @inline(__always)
    static func plain(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> Scalar.Value? {
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            switch number(bytes, text: text) {
            case .int(let value): return .int(value)
            case .float(let value): return .float(value)
            case .tooLarge: return nil
            case .notANumber: return .string(text)
            }
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            return isNull(text) ? .null : .string(text)
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return bool(text).map(Scalar.Value.bool) ?? .string(text)
        default:
            return .string(text)
        }
    }

    /// The value of a scalar with one of the core tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`),
    /// `nil` when the text does not fit the tag. Other tags keep the text as a string.
    static func tagged(_ tag: String, bytes: UnsafeBufferPointer<UInt8>, text: String) -> Scalar.Value? {
        guard tag.hasPrefix(tagPrefix) else { return .string(text) }
        switch tag.dropFirst(tagPrefix.count) {
        case "int":
            if case .int(let value) = number(bytes, text: text) { return .int(value) }
            return nil
        case "float":
            switch number(bytes, text: text) {
            case .int(let value): return .float(Double(value))
            case .float(let value): return .float(value)
            case .tooLarge, .notANumber: return nil
            }
        case "bool":
            return bool(text).map(Scalar.Value.bool)
        case "null":
            return text.isEmpty || isNull(text) ? .null : nil
        default:
            return .string(text)
        }
    }

    static func isNull(_ text: String) -> Bool {
        text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+` as integers; `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`,
    /// `[-+]?\.(inf|Inf|INF)` and `\.(nan|NaN|NAN)` as floats.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> Number {
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
            let rest = text.utf8.dropFirst(index + 1)
            if rest.elementsEqual("inf".utf8) || rest.elementsEqual("Inf".utf8) || rest.elementsEqual("INF".utf8) {
                return .float(negative ? -.infinity : .infinity)
            }
            if index == 0,
                rest.elementsEqual("nan".utf8) || rest.elementsEqual("NaN".utf8) || rest.elementsEqual("NAN".utf8)
            {
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
        guard index == count, let value = Double(text) else { return .notANumber }
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
