/// The style and text of a compactly stored scalar, in 64 bits: the text's bytes themselves when there are
/// at most 7 of them, else their offset and count in the `TextChunk` the node refers to.
///
///     inline text: bits 0-55 the bytes, bits 56-58 their count     in a chunk: bits 0-31 offset, 32-55 count
///     both:        bits 60-62 the style
struct ScalarBits: Sendable {
    private var bits: UInt64

    /// The most bytes a text may have to be stored inline.
    static let inlineCapacity = 7
    /// The most bytes a text in a chunk may have.
    static let largestCount = (1 << 24) - 1

    /// Bits that stand for no scalar (those of a collection or a boxed node).
    static let none = ScalarBits(bits: 0)

    private init(bits: UInt64) {
        self.bits = bits
    }

    /// The text `bytes` (at most `inlineCapacity` of them) inline.
    init(inline bytes: UnsafeBufferPointer<UInt8>, style: Scalar.Style) {
        var bits = UInt64(bytes.count) << 56 | Self.code(of: style) << 60
        for (index, byte) in bytes.enumerated() { bits |= UInt64(byte) << (8 * index) }
        self.bits = bits
    }

    /// A text of `count` bytes (at most `largestCount`) at `offset` (below 2³²) in a chunk.
    init(offset: Int, count: Int, style: Scalar.Style) {
        bits = UInt64(offset) | UInt64(count) << 32 | Self.code(of: style) << 60
    }

    var style: Scalar.Style {
        switch bits >> 60 & 7 {
        case 1: .singleQuoted
        case 2: .doubleQuoted
        case 3: .literal
        case 4: .folded
        default: .plain
        }
    }

    /// Where the text starts in its chunk.
    var offset: Int { Int(truncatingIfNeeded: bits & 0xFFFF_FFFF) }

    /// How many bytes the text has in its chunk.
    var count: Int { Int(truncatingIfNeeded: bits >> 32 & 0xFF_FFFF) }

    /// Calls `body` with the bytes of an inline text.
    func withInlineBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let count = Int(truncatingIfNeeded: bits >> 56 & 7)
        return withUnsafeBytes(of: bits.littleEndian) { raw in
            raw.withMemoryRebound(to: UInt8.self) { body(UnsafeBufferPointer(rebasing: $0.prefix(count))) }
        }
    }

    private static func code(of style: Scalar.Style) -> UInt64 {
        switch style {
        case .plain: 0
        case .singleQuoted: 1
        case .doubleQuoted: 2
        case .literal: 3
        case .folded: 4
        }
    }
}
