import Foundation
import Timing

/// A run's timeline as a Gantt chart in SVG, rendered on the server: one bar per step, and for each
/// `for_each` step one bar per element (`rebuild[12]`), in groups of `groupSize` that collapse
/// (`<details>`; the groups with a failure are open) — every element is in the page (beside the bars, a
/// step of more than `labelAllUpTo` elements labels every tenth). Bars are coloured by
/// status through the stylesheet; failed attempts are segments of their own; each bar's `<title>` holds its
/// label, status, duration and error sentence. Hooks for scripts and browser tests:
/// `<g class="bar step" data-step=KEY data-status=S>` and
/// `<g class="bar element" data-step=KEY data-index=N data-status=S>`.
struct TimelineSVG {
    static let width = 960.0
    static let labelWidth = 200.0
    static let rowHeight = 14
    static let groupSize = 500
    /// A step with more elements than this shows every tenth element's label beside its bar (every bar
    /// still has its label in its `<title>`), which keeps a 10,000-element page under 2 MB.
    static let labelAllUpTo = 1000

    let timeline: RunTimeline
    /// The right edge of the chart: now for a running run, else the last event.
    let end: Date

    private var origin: Date { timeline.start ?? end }
    private var span: Double { max(end.timeIntervalSince(origin), 0.001) }

    func render() -> String {
        guard !timeline.steps.isEmpty else {
            return "<p class=\"note\">No step has started yet (or the run log is missing).</p>"
        }
        var html = svg(rows: timeline.steps.count + 1) { out in
            axis(&out)
            for (row, step) in timeline.steps.enumerated() {
                let label = step.key
                let title = Self.title(label, step.bar, extra: step.action.isEmpty ? "" : " (\(step.action))")
                bar(&out, row: row + 1, bar: step.bar, attributes: "class=\"bar step\" data-step=\"\(e(step.key))\"",
                    title: title, label: label)
            }
        }
        for step in timeline.steps where step.items != nil || !step.elements.isEmpty {
            html += elementGroups(step)
        }
        return html
    }

    /// The first row of the steps' chart: the time since the run's first event at each quarter of the width.
    private func axis(_ out: inout String) {
        out += "<g class=\"axis\">"
        for quarter in 0...4 {
            let x = Self.labelWidth + (Self.width - Self.labelWidth - 4) * Double(quarter) / 4
            let text = DurationText.rounded(milliseconds: Int((span * Double(quarter) / 4 * 1000).rounded()))
            let anchor = quarter == 0 ? "start" : quarter == 4 ? "end" : "middle"
            out += "<text x=\"\(Self.format(x))\" y=\"10\" text-anchor=\"\(anchor)\">+\(text)</text>"
        }
        out += "</g>\n"
    }

    private func elementGroups(_ step: RunTimeline.Step) -> String {
        let indexes = step.elements.keys.sorted()
        var counts: [String: Int] = [:]
        for bar in step.elements.values { counts[bar.status, default: 0] += 1 }
        let summary = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        var html = "<section class=\"elements\" data-step=\"\(e(step.key))\"><h3>\(e(step.key)): "
            + "\(indexes.count) element\(indexes.count == 1 ? "" : "s")" + (summary.isEmpty ? "" : " — \(e(summary))")
            + "</h3>\n"
        for start in stride(from: 0, to: indexes.count, by: Self.groupSize) {
            let group = indexes[start..<min(start + Self.groupSize, indexes.count)]
            let failed = group.filter { step.elements[$0]?.status == "failed" }.count
            let open = indexes.count <= Self.groupSize || failed > 0
            html += "<details class=\"group\"\(open ? " open" : "")><summary>\(e(step.key))[\(group.first!)]"
                + "–\(e(step.key))[\(group.last!)]\(failed > 0 ? " · \(failed) failed" : "")</summary>\n"
            html += svg(rows: group.count) { out in
                for (row, index) in group.enumerated() {
                    let bar = step.elements[index]!
                    let label = "\(step.key)[\(index)]"
                    self.bar(
                        &out, row: row, bar: bar,
                        attributes: "class=\"bar element\" data-step=\"\(e(step.key))\" data-index=\"\(index)\"",
                        title: Self.title(label, bar, extra: ""), label: label,
                        labelled: indexes.count <= Self.labelAllUpTo || index % 10 == 0)
                }
            }
            html += "</details>\n"
        }
        return html + "</section>\n"
    }

    private func svg(rows: Int, _ body: (inout String) -> Void) -> String {
        let height = rows * Self.rowHeight + 4
        var out = "<svg class=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(Self.width)) \(height)\" "
            + "width=\"\(Int(Self.width))\" height=\"\(height)\" role=\"img\">\n"
        out.reserveCapacity(rows * 200)
        body(&out)
        return out + "</svg>\n"
    }

    /// One row: the label, then the bar — its failed attempts as segments of their own, then the last one.
    private func bar(
        _ out: inout String, row: Int, bar: RunTimeline.Bar, attributes: String, title: String, label: String,
        labelled: Bool = true
    ) {
        let y = row * Self.rowHeight + 2
        out += "<g \(attributes) data-status=\"\(e(bar.status))\"><title>\(e(title))</title>"
        let finalEnd = bar.end ?? end
        var segmentStart = bar.start ?? finalEnd
        // A failed attempt that was not retried (`retry_in_ms` null) is the last one: the final segment.
        for attempt in bar.failedAttempts where attempt.retryInMs != nil {
            rect(&out, from: segmentStart, to: attempt.at, y: y, retry: true)
            segmentStart = attempt.at.addingTimeInterval(Double(attempt.retryInMs ?? 0) / 1000)
        }
        rect(&out, from: min(segmentStart, finalEnd), to: finalEnd, y: y, retry: false)
        if labelled { out += "<text y=\"\(y + 10)\">\(e(label))</text>" }
        out += "</g>\n"
    }

    private func rect(_ out: inout String, from: Date, to: Date, y: Int, retry: Bool) {
        let left = x(from)
        let length = max(x(to) - left, 1)
        out += "<rect\(retry ? " class=\"retry\"" : "") x=\"\(Self.format(left))\" y=\"\(y)\" width=\"\(Self.format(length))\"/>"
    }

    private func x(_ date: Date) -> Double {
        Self.labelWidth + (Self.width - Self.labelWidth - 4) * min(max(date.timeIntervalSince(origin) / span, 0), 1)
    }

    /// One decimal at most: the chart is 960 units wide.
    private static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    /// `rebuild[12] failed after 3 attempts in 1.2s: connector docs_old does not exist`.
    static func title(_ label: String, _ bar: RunTimeline.Bar, extra: String) -> String {
        var text = label + extra + " " + bar.status
        if bar.attempts > 1 { text += " after \(bar.attempts) attempts" }
        if let start = bar.start, let end = bar.end {
            text += " in " + DurationText.rounded(milliseconds: Int((end.timeIntervalSince(start) * 1000).rounded()))
        }
        for (number, attempt) in bar.failedAttempts.enumerated() where bar.error != attempt.message || number < bar.failedAttempts.count - 1 {
            text += "\nattempt \(number + 1): \(attempt.message)"
        }
        if let error = bar.error { text += "\n" + error }
        return text
    }

    private func e(_ text: String) -> String { HTMLText.escape(text) }
}
