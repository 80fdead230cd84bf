/// A block of scalar texts shared by the nodes of one parse: a scalar too long to sit in its node costs its
/// bytes here, not a string object of its own (32 bytes of header and a heap block each).
///
/// `TextStore` appends each text once, before any node refers to it, while the parse that owns the chunk
/// runs; the bytes a node refers to never change after that, so nodes may be read from any thread.
final class TextChunk: @unchecked Sendable {
    private let bytes: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var used = 0

    /// An empty chunk with room for `capacity` bytes.
    init(capacity: Int) {
        bytes = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit {
        bytes.deallocate()
    }

    /// The bytes still free.
    var room: Int { capacity - used }

    /// Copies `text` (there must be room for it) after the texts already there; returns where it starts.
    func append(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        precondition(text.count <= room, "a text of \(text.count) bytes does not fit in a chunk with \(room) free")
        let offset = used
        if let source = text.baseAddress { (bytes + offset).initialize(from: source, count: text.count) }
        used += text.count
        return offset
    }

    /// Calls `body` with the `count` bytes at `offset`.
    func withBytes<Result>(at offset: Int, count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        body(UnsafeBufferPointer(start: bytes + offset, count: count))
    }
}
