/// `application/x-www-form-urlencoded` and query strings: `a=1&b=2&a=3`, `+` for space, `%XX` escapes.
/// Malformed escapes are kept as they are, as lenient servers do.
enum FormDecoding {
    static func decode(_ bytes: some Collection<UInt8>, into parameters: inout Parameters) throws(HavenError) {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
            let pair = bytes[start..<end]
            if !pair.isEmpty {
                if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                    try parameters.add(unescape(pair[..<equals]), unescape(pair[pair.index(after: equals)...]))
                } else {
                    try parameters.add(unescape(pair), "")
                }
            }
            start = end == bytes.endIndex ? end : bytes.index(after: end)
        }
    }

    static func unescape(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"),
                case let first = bytes.index(after: index), first < bytes.endIndex,
                case let second = bytes.index(after: first), second < bytes.endIndex,
                let high = hexValue(bytes[first]), let low = hexValue(bytes[second])
            {
                output.append(high << 4 | low)
                index = second
            } else {
                output.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
