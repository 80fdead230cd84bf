import Foundation

/// One trigger as `havenflow schedule --list` shows it: its last record and its next fire times.
public struct ScheduleListing: Sendable {
    public var workflow: String
    public var file: String
    public var trigger: TriggerID
    public var cron: CronExpression
    public var timeZone: String
    public var last: FireRecord?
    public var next: [Date]

    /// The listing of every trigger of `workflows`, without running a scheduler.
    public static func make(
        workflows: [ScheduledWorkflow], store: any FireStore, now: Date, count: Int = 3
    ) async -> [ScheduleListing] {
        var listings: [ScheduleListing] = []
        for workflow in workflows {
            for (index, schedule) in workflow.triggers.schedules.enumerated() {
                let id = TriggerID(workflow: workflow.name, index: index)
                let zone = TimeZone(identifier: schedule.timeZone) ?? TimeZone(identifier: "UTC")!
                listings.append(
                    ScheduleListing(
                        workflow: workflow.name, file: workflow.file, trigger: id, cron: schedule.cron,
                        timeZone: schedule.timeZone, last: try? await store.lastRecord(of: id),
                        next: schedule.cron.nextFires(after: now, in: zone, count: count)))
            }
        }
        return listings
    }
}
