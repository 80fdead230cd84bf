import Foundation
import JSONValue

/// How far a run got, read from the run logs of a state directory (`STATE_DIR/runs/*.jsonl`, every
/// process of the run appending to its file): steps and elements that succeeded in some process (not
/// taken over by a resume), plain steps started, and the step of the last event written — where a
/// process killed now was.
/// Each `read()` parses only what was appended since the last one (the logs of a run resumed a hundred
/// times grow long), up to the last complete line; a line a kill cut short is not counted.
final class RunLogProgress {
    private let runs: URL
    private var offsets: [URL: UInt64] = [:]
    private(set) var finished = 0
    private(set) var plainStepsStarted = 0
    private(set) var lastStep: String?

    init(stateDir: URL) {
        runs = stateDir.appendingPathComponent("runs")
    }

    /// Reads what the logs gained; returns `self`.
    @discardableResult func read() -> RunLogProgress {
        let files = (try? FileManager.default.contentsOfDirectory(at: runs, includingPropertiesForKeys: nil)) ?? []
        for file in files.sorted(by: { $0.path < $1.path }) where file.pathExtension == "jsonl" {
            guard let handle = try? FileHandle(forReadingFrom: file) else { continue }
            defer { try? handle.close() }
            let start = offsets[file] ?? 0
            try? handle.seek(toOffset: start)
            guard let data = try? handle.readToEnd(), let end = data.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            let complete = data[data.startIndex...end]
            offsets[file] = start + UInt64(complete.count)
            for line in complete.split(separator: UInt8(ascii: "\n")) {
                guard let event = try? JSON(parsing: String(decoding: line, as: UTF8.self)) else { continue }
                if let step = event["step"]?.stringValue { lastStep = step }
                if Self.isFinishedWork(event) { finished += 1 }
                if event["event"] == "step_started" && event["items"] == nil { plainStepsStarted += 1 }
            }
        }
        return self
    }

    /// An element, or a plain step, that succeeded in this process (a `for_each` step's own end, with its
    /// `items`, is not counted again).
    private static func isFinishedWork(_ event: JSON) -> Bool {
        guard event["status"] == "succeeded", event["resumed"] != true else { return false }
        switch event["event"]?.stringValue {
        case "item_finished": return true
        case "step_finished": return event["items"] == nil
        default: return false
        }
    }
}
