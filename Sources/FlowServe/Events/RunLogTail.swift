import Foundation

/// Reads a run log as it grows: each call to `next()` returns the complete lines added since the last
/// call (a last line without its newline is still being written and waits for the next call).
struct RunLogTail {
    let path: String
    private var offset: UInt64 = 0
    private var pending: [UInt8] = []

    init(path: String) {
        self.path = path
    }

    /// The complete lines appended since the last call, without their newlines; none when the file is
    /// missing or has not grown.
    mutating func next() -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: offset)
            guard let data = try handle.readToEnd(), !data.isEmpty else { return [] }
            offset += UInt64(data.count)
            pending.append(contentsOf: data)
        } catch {
            return []
        }
        var lines: [String] = []
        var start = pending.startIndex
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if newline > start { lines.append(String(decoding: pending[start..<newline], as: UTF8.self)) }
            start = newline + 1
        }
        pending.removeSubrange(pending.startIndex..<start)
        return lines
    }
}
