import FlowCore
import FlowRuntime
import Timing

/// A workflow's run durations over time, oldest on the left, as a small SVG bar chart: one bar per run,
/// as tall as its duration, coloured by status, its run id and duration in its `<title>`.
enum DurationChart {
    static let width = 600
    static let height = 80

    static func render(_ runs: [RunSummary]) -> String {
        let timed = runs.filter { $0.durationMs != nil }.reversed()
        guard let longest = timed.compactMap(\.durationMs).max(), !timed.isEmpty else {
            return "<p class=\"note\">No finished run to chart yet.</p>"
        }
        let step = Double(width) / Double(timed.count)
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        for (position, run) in timed.enumerated() {
            let duration = run.durationMs ?? 0
            let h = max(1, Double(height - 2) * Double(duration) / Double(max(longest, 1)))
            let title = "\(run.id) \(run.status.rawValue) in \(DurationText.rounded(milliseconds: duration))"
            svg += "<rect class=\"\(run.status.rawValue)\" x=\"\(Int(Double(position) * step))\" "
                + "y=\"\(Int(Double(height) - h))\" width=\"\(max(1, Int(step) - 1))\" height=\"\(Int(h.rounded(.up)))\">"
                + "<title>\(HTMLText.escape(title))</title></rect>"
        }
        return svg + "</svg>"
    }
}
