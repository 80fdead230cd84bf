extension JSONReader {
    /// Reads a string from its opening quote: escapes decoded, UTF-8 checked, control characters refused.
    mutating func readString() throws(JSONParseError) -> String {
        let quote = position
        position += 1
        let start = position
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 {
            position += 1
        }
        guard let stop = current else { throw JSONParseError(offset: quote, reason: "unterminated string") }
        if stop == UInt8(ascii: "\"") {
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
            guard let text = String(validating: slice, as: UTF8.self) else { throw invalidUTF8(in: slice) }
            position += 1
            return text
        }
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while true {
            guard let byte = current else { throw JSONParseError(offset: quote, reason: "unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw invalidUTF8(in: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                }
                position += 1
                return text
            case UInt8(ascii: "\\"):
                try readEscape(into: &utf8)
            case 0..<0x20:
                throw error("unescaped control character in a string")
            default:
                utf8.append(byte)
                position += 1
            }
        }
    }

    /// Decodes the escape at `position` (a backslash) and appends its UTF-8 to `utf8`.
    private mutating func readEscape(into utf8: inout [UInt8]) throws(JSONParseError) {
        let backslash = position
        position += 1
        guard let escape = current else { throw error("unterminated string") }
        position += 1
        switch escape {
        case UInt8(ascii: "\""): utf8.append(0x22)
        case UInt8(ascii: "\\"): utf8.append(0x5C)
        case UInt8(ascii: "/"): utf8.append(0x2F)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var code = try readHex4()
            if (0xDC00..<0xE000).contains(code) {
                throw JSONParseError(offset: backslash, reason: "unpaired surrogate in a \\u escape")
            }
            if (0xD800..<0xDC00).contains(code) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw JSONParseError(offset: backslash, reason: "unpaired surrogate in a \\u escape") }
                position += 2
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw JSONParseError(offset: backslash, reason: "unpaired surrogate in a \\u escape")
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            Self.appendUTF8(of: code, to: &utf8)
        default:
            throw JSONParseError(offset: backslash, reason: "invalid escape")
        }
    }

    /// Four hexadecimal digits of a `\u` escape.
    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let digit: UInt32
            switch current {
            case let byte? where byte >= 0x30 && byte <= 0x39: digit = UInt32(byte - 0x30)
            case let byte? where byte >= 0x41 && byte <= 0x46: digit = UInt32(byte - 0x41 + 10)
            case let byte? where byte >= 0x61 && byte <= 0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw error("expected four hexadecimal digits after \\u")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    /// The UTF-8 encoding of a scalar value that is not a surrogate.
    private static func appendUTF8(of code: UInt32, to utf8: inout [UInt8]) {
        switch code {
        case ..<0x80:
            utf8.append(UInt8(code))
        case ..<0x800:
            utf8.append(UInt8(0xC0 | code >> 6))
            utf8.append(UInt8(0x80 | code & 0x3F))
        case ..<0x10000:
            utf8.append(UInt8(0xE0 | code >> 12))
            utf8.append(UInt8(0x80 | code >> 6 & 0x3F))
            utf8.append(UInt8(0x80 | code & 0x3F))
        default:
            utf8.append(UInt8(0xF0 | code >> 18))
            utf8.append(UInt8(0x80 | code >> 12 & 0x3F))
            utf8.append(UInt8(0x80 | code >> 6 & 0x3F))
            utf8.append(UInt8(0x80 | code & 0x3F))
        }
    }

    /// The error for a string whose raw bytes (`slice`, between its quotes) are not UTF-8, at the first bad byte.
    private func invalidUTF8(in slice: UnsafeBufferPointer<UInt8>) -> JSONParseError {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = slice.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput, .error: return JSONParseError(offset: slice.baseAddress! - bytes.baseAddress! + offset,
                reason: "invalid UTF-8 in a string")
            }
        }
    }
}
