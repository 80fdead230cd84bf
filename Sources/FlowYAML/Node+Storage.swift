extension Node {
    /// What a node refers to, in 8 bytes: with `ScalarBits` and a 32-bit line and column, a `Node` takes 24.
    ///
    /// Nearly every node of a file is an untagged scalar, sequence or mapping at a line and column below 2³²:
    /// a scalar keeps only its text and style (its value is what `ScalarResolver` makes of them), inline or in
    /// a `TextChunk`. Any other node — tagged, a scalar given another value than its text's, a mark beyond
    /// 32 bits — is kept whole in a `Boxed`.
    enum Content: Sendable {
        /// A scalar whose text is in its `ScalarBits`.
        case inlineScalar
        /// A scalar whose text is in this chunk, where its `ScalarBits` say.
        case scalar(TextChunk)
        case sequence([Node])
        case mapping([Pair])
        case boxed(Boxed)
    }

    /// A node that does not fit the compact storage, whole. Immutable, so copies of the node share it.
    final class Boxed: Sendable {
        let kind: Kind
        let mark: Mark
        let tag: String?

        init(kind: Kind, mark: Mark, tag: String?) {
            self.kind = kind
            self.mark = mark
            self.tag = tag
        }
    }
}
