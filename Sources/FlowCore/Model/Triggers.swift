import FlowYAML
import JSONValue

/// The `on:` block: when `havenflow schedule` starts the workflow.
public struct Triggers: Sendable {
    public enum Overlap: String, Sendable, Hashable, CaseIterable { case skip, queue, allow }
    public enum Catchup: String, Sendable, Hashable, CaseIterable { case none, last, all }

    public var schedules: [ScheduleTrigger]
    public var overlap: Overlap
    public var catchup: Catchup
    public var catchupWindow: Duration?

    public init(
        schedules: [ScheduleTrigger], overlap: Overlap = .skip, catchup: Catchup = .none,
        catchupWindow: Duration? = nil
    ) {
        self.schedules = schedules
        self.overlap = overlap
        self.catchup = catchup
        self.catchupWindow = catchupWindow
    }
}

/// One `on.schedule` entry.
public struct ScheduleTrigger: Sendable {
    public var cron: CronExpression
    /// IANA time zone identifier; `UTC` when not given.
    public var timeZone: String
    public var inputs: [String: JSON]
    public var mark: Mark

    public init(cron: CronExpression, timeZone: String = "UTC", inputs: [String: JSON] = [:], mark: Mark) {
        self.cron = cron
        self.timeZone = timeZone
        self.inputs = inputs
        self.mark = mark
    }
}
