/// The raw bytes of a file, for locating errors that libyaml reports as byte offsets or marks.
struct SourceBytes {
    let bytes: UnsafeBufferPointer<UInt8>

    /// The 1-based mark of byte `offset` (columns count Unicode scalars; a leading BOM is not counted).
    func mark(atOffset offset: Int) -> Mark {
        let end = min(offset, bytes.count)
        var line = 1
        var lineStart = hasByteOrderMark ? 3 : 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        var column = 1
        if lineStart < end {
            for index in lineStart..<end where bytes[index] & 0xC0 != 0x80 { column += 1 }
        }
        return Mark(line: line, column: column)
    }

    /// The character at `mark`, or `nil` at or past the end of the file.
    func scalar(at mark: Mark) -> Unicode.Scalar? {
        var line = 1
        var index = hasByteOrderMark ? 3 : 0
        while line < mark.line, index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        guard line == mark.line else { return nil }
        var lineEnd = index
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        if lineEnd < bytes.count { lineEnd += 1 }  // keep the line break: a mark may point at it
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<lineEnd]), as: UTF8.self)
        let scalars = text.unicodeScalars
        guard mark.column >= 1, mark.column <= scalars.count else { return nil }
        return scalars[scalars.index(scalars.startIndex, offsetBy: mark.column - 1)]
    }

    /// Whether the file starts with a UTF-16 byte order mark (FF FE or FE FF).
    var startsWithUTF16ByteOrderMark: Bool {
        bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
    }

    private var hasByteOrderMark: Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }
}
