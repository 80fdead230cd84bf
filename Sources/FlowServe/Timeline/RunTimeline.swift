import Foundation
import JSONValue

/// A run's timeline: when each step started and ended, its status, failed attempts (retries) and errors,
/// from the run log; and each `for_each` element's bar from the state store's element records (one read
/// per `for_each` step, `setElements`), with its retries from the log. A resumed run's log holds every
/// process's events; a step run again shows its latest run.
///
/// A log of a 10,000-element run has some 30,000 lines; only the lines of steps, runs and failed attempts
/// are parsed. The element lines are skipped on sight (their facts are the store's), and of the lines the
/// actions printed only the latest `messageLimit` per step are parsed.
struct RunTimeline {
    /// One attempt that failed: when it ended, its error, and the pause before the next one.
    struct FailedAttempt {
        var at: Date
        var message: String
        var retryInMs: Int?
    }

    /// A step's or an element's bar.
    struct Bar {
        var start: Date?
        var end: Date?
        /// `running` until its end is known; then `succeeded`, `failed`, `skipped` or `interrupted`.
        var status = "running"
        var error: String?
        var attempts = 0
        var failedAttempts: [FailedAttempt] = []
    }

    /// A `for_each` element as the state store records it.
    struct ElementRecord {
        var index: Int
        /// `running`, `succeeded`, `failed`, `skipped` or `interrupted`.
        var status: String
        var attempts: Int
        var error: String?
        var start: Date?
        var durationMs: Int
    }

    struct Step {
        var key: String
        var action = ""
        var items: Int?
        var bar = Bar()
        var elements: [Int: Bar] = [:]
        /// The latest `messageLimit` lines the step (or its elements, `[N]` before them) printed.
        var messages: [String] = []
        /// Every line it printed, kept or not.
        var messageCount = 0
    }

    /// How many of a step's printed lines the page shows (the raw log has them all).
    static let messageLimit = 20

    var steps: [Step] = []
    var start: Date?
    var end: Date?
    private var positions: [String: Int] = [:]

    /// The timeline of the log at `path`; an empty one when the file is missing.
    init(logPath: String) {
        let bytes = FileManager.default.contents(atPath: logPath).map { data in data.withUnsafeBytes { [UInt8]($0) } } ?? []
        self.init(lines: LogLine.lines(of: bytes))
    }

    init(lines: [ArraySlice<UInt8>]) {
        var printed: [String: (count: Int, latest: [ArraySlice<UInt8>])] = [:]
        for line in lines {
            switch LogLine.kind(of: line) {
            case .element:
                continue
            case .output(let step):
                printed[step, default: (0, [])].count += 1
                printed[step]!.latest.append(line)
                if printed[step]!.latest.count > Self.messageLimit { printed[step]!.latest.removeFirst() }
            case .other:
                guard let event = try? JSON(parsing: line), let name = event["event"]?.stringValue,
                    let ts = event["ts"]?.stringValue.flatMap(LogTime.parse)
                else { continue }
                start = start.map { min($0, ts) } ?? ts
                end = end.map { max($0, ts) } ?? ts
                apply(name: name, event: event, at: ts)
            }
        }
        for (key, lines) in printed.sorted(by: { $0.key < $1.key }) {
            let messages = lines.latest.compactMap { line -> String? in
                guard let event = try? JSON(parsing: line) else { return nil }
                return (event["index"]?.intValue.map { "[\($0)] " } ?? "") + (event["message"]?.stringValue ?? "")
            }
            update(key) { step in
                step.messageCount = lines.count
                step.messages = messages
            }
        }
    }

    /// The elements of `key` from the store's records, each with the failed attempts the log has for it
    /// (a running element's bar has no end yet). A step the log does not have (the log is missing: a run
    /// recorded on another host) spans its elements and has the store's `status`.
    mutating func setElements(_ key: String, _ records: [ElementRecord], status: String) {
        update(key) { step in
            if step.bar.start == nil && step.bar.end == nil {
                let starts = records.compactMap(\.start)
                step.bar.start = starts.min()
                step.bar.end = records.compactMap { record in
                    record.start.map { $0.addingTimeInterval(Double(record.durationMs) / 1000) }
                }.max()
                step.bar.status = status
            }
            var elements: [Int: Bar] = [:]
            elements.reserveCapacity(records.count)
            for record in records {
                var bar = Bar(start: record.start, status: record.status, error: record.error, attempts: record.attempts)
                if record.status != "running", let start = record.start {
                    bar.end = start.addingTimeInterval(Double(record.durationMs) / 1000)
                }
                bar.failedAttempts = step.elements[record.index]?.failedAttempts ?? []
                elements[record.index] = bar
            }
            step.elements = elements
            if step.items == nil { step.items = records.count }
        }
        for record in records {
            guard let start = record.start else { continue }
            let finish = start.addingTimeInterval(Double(record.durationMs) / 1000)
            self.start = self.start.map { min($0, start) } ?? start
            end = end.map { max($0, finish) } ?? finish
        }
    }

    private mutating func apply(name: String, event: JSON, at ts: Date) {
        guard let key = event["step"]?.stringValue else { return }
        switch name {
        case "step_started":
            update(key) { step in
                step.action = event["action"]?.stringValue ?? step.action
                step.items = event["items"]?.intValue
                step.bar = Bar(start: ts)
                step.elements = [:]
            }
        case "attempt_failed":
            let failure = FailedAttempt(
                at: ts, message: Self.message(event["error"]) ?? "failed", retryInMs: event["retry_in_ms"]?.intValue)
            update(key) { step in
                if let index = event["index"]?.intValue {
                    step.elements[index, default: Bar()].failedAttempts.append(failure)
                } else {
                    step.bar.failedAttempts.append(failure)
                }
            }
        case "step_finished":
            update(key) { step in
                step.action = event["action"]?.stringValue ?? step.action
                step.bar.end = ts
                step.bar.status = event["status"]?.stringValue ?? "succeeded"
                step.bar.error = Self.message(event["error"])
                step.bar.attempts = event["attempts"]?.intValue ?? step.bar.attempts
                if step.bar.start == nil || event["resumed"]?.boolValue == true {
                    step.bar.start = ts.addingTimeInterval(-Double(event["duration_ms"]?.intValue ?? 0) / 1000)
                }
            }
        default:
            break
        }
    }

    private mutating func update(_ key: String, _ change: (inout Step) -> Void) {
        if let position = positions[key] {
            change(&steps[position])
        } else {
            positions[key] = steps.count
            var step = Step(key: key)
            change(&step)
            steps.append(step)
        }
    }

    static func message(_ error: JSON?) -> String? {
        guard let error, !error.isNull else { return nil }
        return error["message"]?.stringValue ?? error.rendered()
    }
}
