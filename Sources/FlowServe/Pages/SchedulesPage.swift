import FlowCore
import FlowRuntime
import Foundation

/// `/schedules`: each trigger with its cron, time zone, last fire (fired, or skipped or missed with the
/// reason), its recent skipped and missed fires with their reasons, and next fire times, in the trigger's
/// zone.
enum SchedulesPage {
    /// How many skipped or missed fires a trigger shows at most…
    static let recentProblems = 10
    /// …found among its latest records.
    static let recentRecords = 100

    /// `recent` holds each trigger's latest records, newest first (`FireStore.records(of:limit:)`).
    static func render(_ listings: [ScheduleListing], recent: [TriggerID: [FireRecord]] = [:], problem: String?)
        -> String
    {
        let triggers: [[String: Any]] = listings.map { listing in
            let zone = TimeZone(identifier: listing.timeZone) ?? TimeZone(identifier: "UTC")!
            var values: [String: Any] = [
                "workflow": listing.workflow, "workflowPath": Pages.encoded(listing.workflow), "file": listing.file,
                "index": "\(listing.trigger.index)", "cron": listing.cron.description, "zone": listing.timeZone,
                "next": listing.next.map { ScheduleListingJSON.rfc3339($0, zone) },
            ]
            let skips = problems(recent[listing.trigger] ?? [])
            values["problems"] = skips.map { recordValues($0, zone) }
            values["hasProblems"] = !skips.isEmpty
            if let last = listing.last { values["last"] = recordValues(last, zone) }
            return values
        }
        var values: [String: Any] = [
            "title": "Schedules", "pageKind": "schedules", "triggers": triggers, "hasTriggers": !triggers.isEmpty,
        ]
        if let problem { values["problem"] = problem }
        return Pages.render("schedules", values)
    }

    /// The latest skipped and missed records of `records` (newest first), at most `recentProblems`.
    static func problems(_ records: [FireRecord]) -> [FireRecord] {
        Array(
            records.filter {
                if case .fired = $0.outcome { false } else { true }
            }.prefix(recentProblems))
    }

    private static func recordValues(_ record: FireRecord, _ zone: TimeZone) -> [String: Any] {
        var values: [String: Any] = ["scheduled": ScheduleListingJSON.rfc3339(record.scheduledAt, zone)]
        switch record.outcome {
        case .fired(let runID):
            values["outcome"] = "fired"
            values["runID"] = runID
            values["runPath"] = Pages.encoded(runID)
        case .skipped(let reason):
            values["outcome"] = "skipped"
            values["reason"] = reason.description
        case .missed:
            values["outcome"] = "missed"
            values["reason"] = "the scheduler was down at that time and its catchup did not fire it"
        }
        return values
    }
}
