extension JSON: CustomStringConvertible {
    /// Compact JSON text with sorted keys.
    public var description: String { rendered() }

    /// JSON text with sorted keys: compact, or indented by two spaces with `pretty`.
    public func rendered(pretty: Bool = false) -> String {
        var output = ""
        output.reserveCapacity(64)
        write(to: &output, pretty: pretty, depth: 0)
        return output
    }

    /// The UTF-8 bytes of `rendered()`.
    public var utf8Data: [UInt8] { Array(rendered().utf8) }

    /// The text a value shows when it is put inside a string: strings as they are, everything else as JSON.
    public var interpolated: String {
        if case .string(let value) = self { return value }
        return rendered()
    }

    private func write(to output: inout String, pretty: Bool, depth: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += JSON.format(value)
        case .string(let value): JSON.writeString(value, to: &output)
        case .array(let elements):
            if elements.isEmpty { output += "[]"; return }
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += "," }
                if pretty { output += "\n" + String(repeating: "  ", count: depth + 1) }
                element.write(to: &output, pretty: pretty, depth: depth + 1)
            }
            if pretty { output += "\n" + String(repeating: "  ", count: depth) }
            output += "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{"
            for (offset, key) in members.keys.sorted().enumerated() {
                if offset > 0 { output += "," }
                if pretty { output += "\n" + String(repeating: "  ", count: depth + 1) }
                JSON.writeString(key, to: &output)
                output += pretty ? ": " : ":"
                members[key]!.write(to: &output, pretty: pretty, depth: depth + 1)
            }
            if pretty { output += "\n" + String(repeating: "  ", count: depth) }
            output += "}"
        }
    }

    /// Integral numbers without a fraction (`3`, not `3.0`); non-finite numbers as `null`, as JSON has none.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    static func writeString(_ value: String, to output: inout String) {
        output += "\""
        // Fast path: nothing to escape (the common case), so the text is appended in one go.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            output += value
            output += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
