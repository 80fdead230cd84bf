import Foundation
import JSONValue

/// How far `/metrics` has read one run's JSON Lines log (docs/run-log.md): the byte offset after the last
/// complete line, so each scrape reads only what was appended since (a resumed run appends to its log) —
/// or, for a run recorded by another host, how many of the lines the store holds were read.
struct RunLogCursor: Sendable {
    /// Bytes of complete lines already read.
    private(set) var offset: UInt64 = 0
    /// Lines of the store's copy of the log already read (a run with no log on this host).
    private(set) var storedLines = 0
    /// The action of each step that started, by step key: `item_finished` and `attempt_failed` name only
    /// the step. Emptied once the run has finished.
    var actions: [String: String] = [:]
    /// Whether the last `run_started` read was followed by its `run_finished`: until then the log is read
    /// again at each scrape, even when the store already records the run as ended (the log's last lines
    /// may reach the file a moment after the store).
    var runFinished = false

    /// The events appended to the log at `path` since the last call; a last line without its newline is
    /// left for the next call (it is still being written). `nil` when the file cannot be read.
    mutating func newEvents(path: String) -> [JSON]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd() else { return nil }
        guard let end = data.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        let complete = data[data.startIndex...end]
        offset += UInt64(complete.count)
        return complete.split(separator: UInt8(ascii: "\n")).compactMap { try? JSON(parsing: $0) }
    }

    /// The events among `lines` (the store's copy of the whole log, `RunReader.storedLogLines`) not read
    /// by an earlier call.
    mutating func newEvents(storedLines lines: [ArraySlice<UInt8>]) -> [JSON] {
        guard lines.count > storedLines else { return [] }
        defer { storedLines = lines.count }
        return lines[storedLines...].compactMap { try? JSON(parsing: $0) }
    }
}
