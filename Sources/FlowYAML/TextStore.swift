/// Gives the texts of a parse's scalars their place in `TextChunk`s. Chunks grow from 1 KB to 64 KB as the
/// file does, so that a small file takes little; a text longer than 4 KB gets a chunk of its own size.
struct TextStore {
    private var chunk: TextChunk?
    private var nextCapacity = 1 << 10
    private static let largestCapacity = 1 << 16
    private static let largestShared = 1 << 12

    /// Copies `bytes` into a chunk; returns the chunk and where in it they start.
    mutating func store(_ bytes: UnsafeBufferPointer<UInt8>) -> (chunk: TextChunk, offset: Int) {
        if bytes.count > Self.largestShared {
            let own = TextChunk(capacity: bytes.count)
            return (own, own.append(bytes))
        }
        if let chunk, chunk.room >= bytes.count { return (chunk, chunk.append(bytes)) }
        // A text of up to 4 KB may be longer than the next chunk (1 KB at first): the chunk takes it whole.
        let fresh = TextChunk(capacity: max(nextCapacity, bytes.count))
        nextCapacity = min(nextCapacity * 2, Self.largestCapacity)
        chunk = fresh
        return (fresh, fresh.append(bytes))
    }
}
