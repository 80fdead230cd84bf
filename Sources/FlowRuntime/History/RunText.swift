import FlowCore
import Foundation
import JSONValue

/// `havenflow show` as text.
enum RunText {
    static func show(_ run: RunDetail, log: String) -> String {
        let summary = run.summary
        var lines = [
            "run       \(summary.id)",
            "workflow  \(summary.workflow) (\(summary.file))",
            "status    \(summary.status.rawValue)" + (summary.resumes > 0 ? " (resumed \(summary.resumes)×)" : ""),
            "started   \(Timestamp.rfc3339(summary.startedAt)) by pid \(summary.pid) on \(summary.host)",
            "duration  \(summary.durationMs.map(DurationText.rounded(milliseconds:)) ?? "-")",
            "inputs    \(JSON.object(run.inputs).rendered())",
            "log       \(log)",
            "",
        ]
        // The ELEMENTS column only when a step has elements (a `for_each`): no empty column to read past.
        let withElements = run.steps.contains { $0.elements != nil }
        let rows = run.steps.map { step in
            [step.key, step.action, step.status, "\(step.attempts)", step.durationMs.map(DurationText.rounded(milliseconds:)) ?? "-"]
                + (withElements ? [step.elements.map(elementCounts) ?? ""] : [])
        }
        let header = ["STEP", "ACTION", "STATUS", "ATTEMPTS", "DURATION"] + (withElements ? ["ELEMENTS"] : [])
        lines.append(rows.isEmpty ? "no step started" : TextTable(header: header, rows: rows).rendered)
        var errors: [String] = []
        if let error = run.error { errors.append("run: \(message(error))") }
        for step in run.steps {
            if let error = step.error { errors.append("\(step.key): \(message(error))") }
            for element in step.elementErrors { errors.append("\(step.key)[\(element.index)]: \(message(element.error))") }
        }
        if !errors.isEmpty { lines += ["", "errors:"] + errors.map { "  " + $0 } }
        return lines.joined(separator: "\n")
    }

    private static func elementCounts(_ counts: [String: Int]) -> String {
        ["succeeded", "failed", "interrupted", "running", "skipped"]
            .compactMap { status in counts[status].map { "\($0) \(status)" } }
            .joined(separator: ", ")
    }

    private static func message(_ error: JSON) -> String {
        error["message"]?.stringValue ?? error.rendered()
    }
}

/// Columns padded to their widest cell, two spaces apart; no line ends in spaces.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingSuffix(while: \.isWhitespace)
        }.joined(separator: "\n")
    }
}

extension String {
    /// The string without the trailing characters that satisfy `predicate`.
    func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var text = self
        while let last = text.last, predicate(last) { text.removeLast() }
        return text
    }
}
