/// A JSON text that could not be read, with the byte offset of the problem.
public struct JSONParseError: Error, CustomStringConvertible, Sendable, Equatable {
    public let offset: Int
    public let reason: String
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

extension JSON {
    /// How deeply arrays and objects may nest in a parsed text: 512, like Foundation's `JSONSerialization`.
    /// A deeper text is refused with an error rather than risking the stack (the parser, `==`, hashing,
    /// rendering and freeing a value all recurse once per level).
    public static let maximumNestingDepth = 512

    /// Reads one JSON value from `text`; anything but white space after it is an error.
    ///
    /// The parser follows RFC 8259 strictly (no comments, trailing commas, leading zeros, byte order mark,
    /// `NaN` or unescaped control characters) and refuses invalid UTF-8, unpaired surrogates, numbers too
    /// large for a `Double`, nesting deeper than `maximumNestingDepth` and **an object that names a key
    /// twice** (keys are compared as Swift strings, that is after Unicode canonical equivalence).
    public init(parsing text: String) throws(JSONParseError) {
        try self.init(parsing: text.utf8)
    }

    /// Reads one JSON value from UTF-8 bytes, with the rules of `init(parsing:)` for text.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONParseError) {
        if let contiguous = bytes.withContiguousStorageIfAvailable({ buffer in
            Result { () throws(JSONParseError) -> JSON in try JSON(parsing: buffer) }
        }) {
            self = try contiguous.get()
        } else {
            let array = Array(bytes)
            self = try array.withUnsafeBufferPointer { buffer throws(JSONParseError) in try JSON(parsing: buffer) }
        }
    }

    init(parsing buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) {
        var reader = JSONReader(bytes: buffer)
        reader.skipWhitespace()
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        guard reader.position == buffer.count else { throw reader.error("unexpected text after the value") }
        self = value
    }
}
