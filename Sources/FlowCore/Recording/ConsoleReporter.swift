import Foundation
import JSONValue

/// The human view of a run: one line per event (plain, without control characters, when not on a
/// terminal), a live progress line for `for_each` on a terminal, and a summary table at the end.
public actor ConsoleReporter: RunObserver {
    public struct Style: Sendable, Hashable {
        /// Redraw a `for_each` progress line with `\r` instead of printing a line per element.
        public var live: Bool
        /// ANSI colours.
        public var color: Bool

        public init(live: Bool, color: Bool) {
            self.live = live
            self.color = color
        }

        public static let plain = Style(live: false, color: false)

        /// Live and coloured when standard output is a terminal; no colour with `NO_COLOR` set.
        public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
            let terminal = isatty(STDOUT_FILENO) == 1
            return Style(live: terminal, color: terminal && (environment["NO_COLOR"] ?? "").isEmpty)
        }
    }

    struct Progress {
        var step: String
        var action: String
        var total: Int
        var counts: [StepStatus: Int] = [:]
        var drawn = false
        var lastDraw: ContinuousClock.Instant?
    }

    private let write: @Sendable (String) -> Void
    private let style: Style
    private let runLogPath: String?
    private var progress: Progress?
    private var summary: [RunEvent.StepResult] = []
    private var started: [String: ContinuousClock.Instant] = [:]
    /// `havenflow plan`: the changes are summed up at the end, and the last line says nothing changed.
    private let plan: Bool
    private var planned: [PlannedChange] = []

    /// - Parameters:
    ///   - runLogPath: shown under the summary.
    ///   - write: receives text (whole lines, or progress redraws); standard output by default.
    public init(
        style: Style = .detect(), runLogPath: String? = nil, plan: Bool = false,
        write: @escaping @Sendable (String) -> Void = ConsoleReporter.standardOutput
    ) {
        self.plan = plan
        self.style = style
        self.runLogPath = runLogPath
        self.write = write
    }

    public static let standardOutput: @Sendable (String) -> Void = { text in
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public func record(_ event: RunEvent) async {
        switch event.kind {
        case .runStarted(let workflow, let file, _):
            line("run \(event.runID): \(paint(workflow, .bold)) (\(file))")
        case .stepStarted(let step, let action, let name, let items):
            let title = name.map { "\($0) [\(step)]" } ?? step
            line("\(paint("▶", .blue)) \(title) (\(action))" + (items.map { ": \($0) elements" } ?? ""))
            if let items, style.live { progress = Progress(step: step, action: action, total: items) }
        case .attemptFailed(let step, let index, let attempt, let error, let retryInMs):
            let retry = retryInMs.map { "; retrying in \(DurationText.describe(.milliseconds($0)))" } ?? ""
            line(
                "  \(paint("!", .yellow)) \(Self.place(step, index)) attempt \(attempt) failed: \(error.message)\(retry)"
            )
        case .output(let step, let index, let message):
            line("  \(Self.place(step, index)): \(message)")
        case .changePlanned(_, _, let change):
            planned.append(change)
        case .itemStarted:
            break
        case .itemFinished(let item):
            itemFinished(item)
        case .stepFinished(let result):
            stepFinished(result)
        case .runFinished(let status, _, let durationMs, let error):
            if let error { line("\(paint("✗", .red)) \(error.message)") }
            printSummary()
            if plan {
                line("")
                for text in PlanSummary.render(planned) { line(text) }
            }
            if let runLogPath { line("run log: \(runLogPath)") }
            let color: Color = status == .succeeded ? .green : (status == .failed ? .red : .yellow)
            let took = "\(paint(status.rawValue, color)) in \(DurationText.describe(.milliseconds(durationMs)))"
            line(plan ? "plan \(took); nothing was changed" : "run \(took)")
        }
    }

    private func itemFinished(_ item: RunEvent.ItemResult) {
        guard var current = progress, current.step == item.step else {
            let text = item.error.map { ": \($0.message)" } ?? (item.reason.map { " (\($0.rawValue))" } ?? "")
            line("  \(mark(item.status)) \(item.step)[\(item.index)] \(StepStatus.logged(item.status, error: item.error))\(text)")
            return
        }
        current.counts[item.status, default: 0] += 1
        progress = current
        if item.status == .failed {
            line("  \(mark(.failed)) \(item.step)[\(item.index)]: \(item.error.map(Self.describe) ?? "failed")")
        }
        let now = ContinuousClock.now
        let done = current.counts.values.reduce(0, +)
        if done == current.total || current.lastDraw.map({ now - $0 >= .milliseconds(100) }) ?? true {
            progress?.lastDraw = now
            progress?.drawn = true
            let counts = "✓\(current.counts[.succeeded] ?? 0) ✗\(current.counts[.failed] ?? 0)"
            let skipped = (current.counts[.skipped] ?? 0) > 0 ? " –\(current.counts[.skipped] ?? 0)" : ""
            write("\r\u{1B}[2K  \(current.action) \(current.step)  \(done)/\(current.total)  \(counts)\(skipped)")
        }
    }

    private func stepFinished(_ result: RunEvent.StepResult) {
        summary.append(result)
        if progress?.step == result.step { progress = nil }
        let title = "\(result.step) (\(result.action))"
        switch result.status {
        case .succeeded:
            let resumed = result.resumed ? ", resumed" : ""
            line("\(mark(.succeeded)) \(title) \(DurationText.describe(.milliseconds(result.durationMs)))\(resumed)")
        case .failed:
            line("\(mark(.failed)) \(title) \(StepStatus.logged(.failed, error: result.error)): \(result.error.map(Self.describe) ?? "")")
        case .skipped:
            line("\(mark(.skipped)) \(title) skipped" + (result.reason.map { " (\($0.description))" } ?? ""))
        }
    }

    private func printSummary() {
        guard !summary.isEmpty else { return }
        let rows = summary.map { result in
            [
                result.step, result.action, StepStatus.logged(result.status, error: result.error), String(result.attempts),
                DurationText.describe(.milliseconds(result.durationMs)),
            ]
        }
        let header = ["STEP", "ACTION", "STATUS", "ATTEMPTS", "DURATION"]
        let widths = header.indices.map { column in (rows + [header]).map { $0[column].count }.max() ?? 0 }
        func render(_ row: [String]) -> String {
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        line("")
        line(paint(render(header), .bold))
        for (row, result) in zip(rows, summary) {
            let text = render(row)
            line(result.status == .failed ? paint(text, .red) : text)
        }
    }

    private func line(_ text: String) {
        if progress?.drawn == true {
            progress?.drawn = false
            write("\r\u{1B}[2K")
        }
        write(text + "\n")
    }

    /// The message, then the failure detail's notes (an error number, a reason) it does not already say.
    static func describe(_ error: StepError) -> String {
        let extra = (error.detail?.notes ?? []).filter { !error.message.contains($0) }
        return extra.isEmpty ? error.message : "\(error.message) (\(extra.joined(separator: ": ")))"
    }

    static func place(_ step: String, _ index: Int?) -> String { index.map { "\(step)[\($0)]" } ?? step }

    private func mark(_ status: StepStatus) -> String {
        switch status {
        case .succeeded: paint("✓", .green)
        case .failed: paint("✗", .red)
        case .skipped: paint("–", .dim)
        }
    }

    enum Color: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case bold = "1"
        case dim = "2"
    }

    private func paint(_ text: String, _ color: Color) -> String {
        style.color ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }
}

extension StepSkipReason {
    /// Words for the console.
    var description: String {
        switch self {
        case .condition: "its if was false"
        case .earlierFailure: "an earlier step failed"
        case .interrupted: "interrupted"
        case .filtered: "filtered by where"
        case .failFast: "fail_fast after a failure"
        }
    }
}
