import Foundation
import JSONValue

/// Replaces every secret value by `****` in any string: the one place masking happens.
///
/// For each secret it also masks the forms a secret takes when embedded elsewhere: percent-encoded (in
/// URLs and form bodies) and JSON-escaped (inside JSON text). Values shorter than `minimumLength`
/// characters are ignored: masking `a` or `1` would destroy every output while hiding nothing.
public struct Masker: Sendable {
    public static let replacement = "****"
    public static let minimumLength = 3

    /// Patterns by first byte, longest first.
    private var patterns: [UInt8: [[UInt8]]] = [:]
    private var known: Set<String> = []

    public init<Values: Sequence>(secrets: Values) where Values.Element == String {
        add(secrets)
    }

    public init() {}

    /// No secrets: masking returns its input unchanged at no cost.
    public var isEmpty: Bool { patterns.isEmpty }

    /// Adds more values to mask.
    public mutating func add<Values: Sequence>(_ values: Values) where Values.Element == String {
        for value in values where value.count >= Self.minimumLength && known.insert(value).inserted {
            for form in Self.forms(of: value) { insert(Array(form.utf8)) }
        }
    }

    /// Whether `value` is one of the masked values.
    public func contains(_ value: String) -> Bool { known.contains(value) }

    private mutating func insert(_ pattern: [UInt8]) {
        guard let first = pattern.first else { return }
        var list = patterns[first, default: []]
        guard !list.contains(pattern) else { return }
        list.append(pattern)
        list.sort { $0.count > $1.count }
        patterns[first] = list
    }

    private static func forms(of value: String) -> [String] {
        var forms = [value]
        let strict = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        for allowed in [strict, .urlQueryAllowed, .urlPathAllowed] {
            if let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed) { forms.append(encoded) }
        }
        let escaped = JSON.string(value).rendered()
        forms.append(String(escaped.dropFirst().dropLast()))
        return forms
    }

    /// `text` with every occurrence of a secret replaced by `****`.
    public func mask(_ text: String) -> String {
        guard !patterns.isEmpty else { return text }
        var utf8 = Array(text.utf8)
        var output: [UInt8] = []
        var copied = 0
        var position = 0
        let count = utf8.count
        while position < count {
            if let candidates = patterns[utf8[position]],
                let match = candidates.first(where: { Self.matches($0, in: utf8, at: position) })
            {
                if output.isEmpty { output.reserveCapacity(count) }
                output.append(contentsOf: utf8[copied..<position])
                output.append(contentsOf: Self.replacement.utf8)
                position += match.count
                copied = position
            } else {
                position += 1
            }
        }
        guard copied > 0 else { return text }
        output.append(contentsOf: utf8[copied..<count])
        utf8 = output
        return String(decoding: utf8, as: UTF8.self)
    }

    /// `value` with every string in it (keys included) masked.
    public func mask(_ value: JSON) -> JSON {
        guard !patterns.isEmpty else { return value }
        switch value {
        case .string(let text): return .string(mask(text))
        case .array(let elements): return .array(elements.map(mask))
        case .object(let members):
            var masked: [String: JSON] = [:]
            masked.reserveCapacity(members.count)
            for (key, member) in members { masked[mask(key)] = mask(member) }
            return .object(masked)
        case .null, .bool, .number: return value
        }
    }

    private static func matches(_ pattern: [UInt8], in bytes: [UInt8], at position: Int) -> Bool {
        guard position + pattern.count <= bytes.count else { return false }
        for offset in 1..<pattern.count where bytes[position + offset] != pattern[offset] { return false }
        return true
    }
}
