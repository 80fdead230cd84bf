import FlowRuntime

/// A run's outcomes in one small SVG bar for the runs list: its steps and `for_each` elements by status,
/// in proportion (an element counts as much as a step).
enum Sparkline {
    static let width = 80.0
    static let order = ["succeeded", "failed", "interrupted", "running", "skipped"]

    static func counts(_ steps: [StepSummary]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for step in steps {
            if let elements = step.elements {
                for (status, count) in elements { counts[status, default: 0] += count }
            } else {
                counts[step.status, default: 0] += 1
            }
        }
        return counts
    }

    static func render(_ counts: [String: Int]) -> String {
        let total = counts.values.reduce(0, +)
        guard total > 0 else { return "" }
        let label = order.compactMap { status in counts[status].map { "\($0) \(status)" } }.joined(separator: ", ")
        var svg = "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"10\" "
            + "viewBox=\"0 0 \(Int(width)) 10\"><title>\(HTMLText.escape(label))</title>"
        var x = 0.0
        for status in order {
            guard let count = counts[status], count > 0 else { continue }
            let w = width * Double(count) / Double(total)
            svg += "<rect class=\"\(status)\" x=\"\(rounded(x))\" y=\"0\" width=\"\(rounded(max(w, 1)))\" height=\"10\"/>"
            x += w
        }
        return svg + "</svg>"
    }

    private static func rounded(_ value: Double) -> String { String(Int(value.rounded())) }
}
