import Foundation
import JSONValue

/// How far a run got, read from the run logs of a state directory (`STATE_DIR/runs/*.jsonl`, every
/// process of the run appending to its file): steps and elements that succeeded in some process (not
/// taken over by a resume), and the step of the last event written — where a process killed now was.
/// A line a kill cut short is not counted.
struct RunLogProgress {
    var finished = 0
    var lastStep: String?

    init(stateDir: URL) {
        let runs = stateDir.appendingPathComponent("runs")
        let files = (try? FileManager.default.contentsOfDirectory(at: runs, includingPropertiesForKeys: nil)) ?? []
        for file in files.sorted(by: { $0.path < $1.path }) where file.pathExtension == "jsonl" {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                guard let event = try? JSON(parsing: String(line)) else { continue }
                if let step = event["step"]?.stringValue { lastStep = step }
                if Self.isFinishedWork(event) { finished += 1 }
            }
        }
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
