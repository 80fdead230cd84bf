import JSONValue

/// The parameters of one API call, in order. A value is a string, a JSON value (sent as JSON text, for
/// `config`, `destination`, `schedule`, …), a list (sent as the key repeated) or a file (sent as a
/// multipart part; only then is the body multipart). The API key is not a parameter: the client adds it.
public struct HavenParameters: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    public enum Value: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
        ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral
    {
        case string(String)
        case json(JSON)
        case array([String])
        case file(HavenFile)

        public init(stringLiteral value: String) { self = .string(value) }
        public init(booleanLiteral value: Bool) { self = .string(value ? "true" : "false") }
        public init(integerLiteral value: Int) { self = .string(String(value)) }
        public init(arrayLiteral elements: String...) { self = .array(elements) }

        /// A workflow value as a parameter: strings, numbers and booleans as text, a list of those as the
        /// key repeated, anything else (objects, nested lists) as JSON text; `nil` for JSON `null`.
        public init?(converting value: JSON) {
            switch value {
            case .null: return nil
            case .string(let text): self = .string(text)
            case .number, .bool: self = .string(value.interpolated)
            case .array(let elements) where elements.allSatisfy(\.isScalar):
                self = .array(elements.map(\.interpolated))
            case .array, .object: self = .json(value)
            }
        }

        /// The texts sent for this value: one, or one per element of a list.
        var texts: [String] {
            switch self {
            case .string(let text): [text]
            case .json(let json): [json.rendered()]
            case .array(let elements): elements
            case .file(let file): [file.filename]
            }
        }
    }

    public private(set) var entries: [(key: String, value: Value)]

    public init() { entries = [] }

    public init(dictionaryLiteral elements: (String, Value)...) {
        entries = elements.map { (key: $0.0, value: $0.1) }
    }

    /// Adds `value` under `key` after the existing entries (a key may repeat).
    public mutating func append(_ key: String, _ value: Value) {
        entries.append((key: key, value: value))
    }

    /// The first value of `key`; setting replaces every entry of `key` (at the first one's place), and
    /// setting `nil` removes them.
    public subscript(key: String) -> Value? {
        get { entries.first { $0.key == key }?.value }
        set {
            let position = entries.firstIndex { $0.key == key }
            entries.removeAll { $0.key == key }
            guard let newValue else { return }
            entries.insert((key: key, value: newValue), at: position ?? entries.endIndex)
        }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var hasFile: Bool { entries.contains { if case .file = $0.value { true } else { false } } }

    public func makeIterator() -> IndexingIterator<[(key: String, value: Value)]> { entries.makeIterator() }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }
}

/// A file sent as a multipart part.
public struct HavenFile: Sendable, Hashable {
    public var filename: String
    public var contentType: String
    public var bytes: [UInt8]

    public init(filename: String, contentType: String = "application/octet-stream", bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }
}

extension JSON {
    /// The value, or `nil` for JSON `null`.
    var nonNull: JSON? { isNull ? .none : .some(self) }

    var isScalar: Bool {
        switch self {
        case .string, .number, .bool: true
        case .null, .array, .object: false
        }
    }
}
