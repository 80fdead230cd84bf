import Foundation
import JSONValue

/// A run's timeline, read from its run log: when each step and each `for_each` element started and ended,
/// their statuses, their failed attempts (retries) and errors. A resumed run's log holds every process's
/// events; a step or element run again is shown as its latest run.
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
        /// `running` until its end is logged; then `succeeded`, `failed` or `skipped`.
        var status = "running"
        var error: String?
        var attempts = 0
        var failedAttempts: [FailedAttempt] = []
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
        let data = FileManager.default.contents(atPath: logPath) ?? Data()
        self.init(lines: data.split(separator: UInt8(ascii: "\n")))
    }

    init(lines: [some Collection<UInt8>]) {
        for line in lines {
            guard let event = try? JSON(parsing: line), let name = event["event"]?.stringValue,
                let ts = event["ts"]?.stringValue.flatMap(LogTime.parse)
            else { continue }
            start = start.map { min($0, ts) } ?? ts
            end = end.map { max($0, ts) } ?? ts
            apply(name: name, event: event, at: ts)
        }
    }

    private mutating func apply(name: String, event: JSON, at ts: Date) {
        guard let key = event["step"]?.stringValue else { return }
        let index = event["index"]?.intValue
        switch name {
        case "step_started":
            update(key) { step in
                step.action = event["action"]?.stringValue ?? step.action
                step.items = event["items"]?.intValue
                step.bar = Bar(start: ts)
                step.elements = [:]
            }
        case "output":
            let line = (index.map { "[\($0)] " } ?? "") + (event["message"]?.stringValue ?? "")
            update(key) { step in
                step.messageCount += 1
                step.messages.append(line)
                if step.messages.count > Self.messageLimit { step.messages.removeFirst() }
            }
        case "item_started":
            guard let index else { return }
            update(key) { $0.elements[index] = Bar(start: ts) }
        case "attempt_failed":
            let failure = FailedAttempt(
                at: ts, message: Self.message(event["error"]) ?? "failed", retryInMs: event["retry_in_ms"]?.intValue)
            update(key) { step in
                if let index {
                    step.elements[index, default: Bar(start: nil)].failedAttempts.append(failure)
                } else {
                    step.bar.failedAttempts.append(failure)
                }
            }
        case "item_finished":
            guard let index else { return }
            update(key) { step in
                var bar = step.elements[index] ?? Bar()
                Self.finish(&bar, event: event, at: ts)
                step.elements[index] = bar
            }
        case "step_finished":
            update(key) { step in
                step.action = event["action"]?.stringValue ?? step.action
                Self.finish(&step.bar, event: event, at: ts)
            }
        default:
            break
        }
    }

    /// An ended bar: its status, error, attempts, and its start from its duration when none was logged.
    private static func finish(_ bar: inout Bar, event: JSON, at ts: Date) {
        bar.end = ts
        bar.status = event["status"]?.stringValue ?? "succeeded"
        bar.error = message(event["error"])
        bar.attempts = event["attempts"]?.intValue ?? bar.attempts
        if bar.start == nil || event["resumed"]?.boolValue == true {
            bar.start = ts.addingTimeInterval(-Double(event["duration_ms"]?.intValue ?? 0) / 1000)
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

/// The run log's timestamps: RFC 3339 UTC with milliseconds (`2026-11-29T00:35:12.120Z`).
enum LogTime {
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var millis = 0
        if bytes.count >= 24, bytes[19] == UInt8(ascii: "."), let value = number(20..<23) { millis = value }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
    }
}
