import JSONValue

/// The value rules of expressions (GitHub Actions semantics): truthiness, loose equality with
/// coercion to numbers, case-insensitive string comparison, and the string form functions use.
extension JSON {
    /// `null`, `false`, `0`, NaN and `''` are false; everything else (also `[]` and `{}`) is true.
    var truthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .number(let value): value != 0 && !value.isNaN
        case .string(let value): !value.isEmpty
        case .array, .object: true
        }
    }

    /// The number a value stands for when compared with a value of another type: `null` is 0, booleans 1
    /// and 0, strings their number (`''` and blanks are 0, anything unreadable NaN), lists and objects NaN.
    var coercedNumber: Double {
        switch self {
        case .null: 0
        case .bool(let value): value ? 1 : 0
        case .number(let value): value
        case .string(let value): Self.number(from: value)
        case .array, .object: .nan
        }
    }

    private static func number(from text: String) -> Double {
        let trimmed = text.trimmingBlanks().text
        if trimmed.isEmpty { return 0 }
        var digits = Substring(trimmed)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            guard let value = UInt64(digits.dropFirst(2), radix: 16) else { return .nan }
            return negative ? -Double(value) : Double(value)
        }
        // Swift also reads "inf" and "nan"; expressions only take digits, '.', exponents and signs.
        guard digits.utf8.allSatisfy({ $0 < 0x80 && Self.numberBytes.contains($0) }), let value = Double(trimmed)
        else { return .nan }
        return value
    }

    private static let numberBytes: Set<UInt8> = Set("0123456789.eE+-".utf8)

    /// `==`: same types compare directly (strings ignoring case, lists and objects by content); scalars
    /// of different types compare as numbers; a list or an object never equals a scalar.
    func looselyEquals(_ other: JSON) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        case (.number(let left), .number(let right)): return left == right
        case (.string(let left), .string(let right)): return Self.compareIgnoringCase(left, right) == 0
        case (.array, .array), (.object, .object): return self == other
        case (.array, _), (.object, _), (_, .array), (_, .object): return false
        default: return coercedNumber == other.coercedNumber
        }
    }

    /// The order for `< <= > >=`: numbers and strings (ignoring case) directly, other scalars as numbers;
    /// `nil` (every comparison false) for lists, objects and NaN.
    func compare(to other: JSON) -> Int? {
        switch (self, other) {
        case (.string(let left), .string(let right)): return Self.compareIgnoringCase(left, right)
        case (.array, _), (.object, _), (_, .array), (_, .object): return nil
        default:
            let left = coercedNumber
            let right = other.coercedNumber
            if left.isNaN || right.isNaN { return nil }
            return left < right ? -1 : left > right ? 1 : 0
        }
    }

    /// -1, 0 or 1, comparing lowercased Unicode scalars (ASCII without allocating).
    static func compareIgnoringCase(_ left: String, _ right: String) -> Int {
        var leftBytes = left.utf8.makeIterator()
        var rightBytes = right.utf8.makeIterator()
        while true {
            switch (leftBytes.next(), rightBytes.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let l?, let r?):
                if l >= 0x80 || r >= 0x80 { return compareFolded(left, right) }
                let a = l &+ (l >= 0x41 && l <= 0x5A ? 0x20 : 0)
                let b = r &+ (r >= 0x41 && r <= 0x5A ? 0x20 : 0)
                if a != b { return a < b ? -1 : 1 }
            }
        }
    }

    private static func compareFolded(_ left: String, _ right: String) -> Int {
        let a = left.lowercased().unicodeScalars
        let b = right.lowercased().unicodeScalars
        if a.elementsEqual(b) { return 0 }
        return a.lexicographicallyPrecedes(b) ? -1 : 1
    }

    /// The text functions work on: strings as they are, `null` as `''`, numbers and booleans as in JSON,
    /// lists and objects as compact JSON.
    var text: String {
        switch self {
        case .null: ""
        case .string(let value): value
        default: rendered()
        }
    }
}

extension String {
    /// The text without leading and trailing blanks (space, tab, line breaks), and the number of blanks
    /// dropped at the start. No copy when there are none.
    func trimmingBlanks() -> (text: String, leading: Int) {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !$0.isBlank }) else { return ("", utf8.count) }
        let last = utf8.lastIndex(where: { !$0.isBlank })!
        let leading = utf8.distance(from: utf8.startIndex, to: first)
        if leading == 0, utf8.index(after: last) == utf8.endIndex { return (self, 0) }
        return (String(self[first...last]), leading)
    }
}

extension UInt8 {
    var isBlank: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
