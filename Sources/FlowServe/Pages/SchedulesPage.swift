import Foundation
import FlowCore
import FlowRuntime

/// `/schedules`: each trigger with its cron, time zone, last fire (fired, or skipped or missed with the
/// reason) and next fire times, in the trigger's zone.
enum SchedulesPage {
    static func render(_ listings: [ScheduleListing], problem: String?) -> String {
        let triggers: [[String: Any]] = listings.map { listing in
            let zone = TimeZone(identifier: listing.timeZone) ?? TimeZone(identifier: "UTC")!
            var values: [String: Any] = [
                "workflow": listing.workflow, "workflowPath": Pages.encoded(listing.workflow), "file": listing.file,
                "index": "\(listing.trigger.index)", "cron": listing.cron.description, "zone": listing.timeZone,
                "next": listing.next.map { ScheduleListingJSON.rfc3339($0, zone) },
            ]
            if let last = listing.last {
                var record: [String: Any] = ["scheduled": ScheduleListingJSON.rfc3339(last.scheduledAt, zone)]
                switch last.outcome {
                case .fired(let runID):
                    record["outcome"] = "fired"
                    record["runID"] = runID
                    record["runPath"] = Pages.encoded(runID)
                case .skipped(let reason):
                    record["outcome"] = "skipped"
                    record["reason"] = reason.description
                case .missed:
                    record["outcome"] = "missed"
                    record["reason"] = "the scheduler was down at that time and its catchup did not fire it"
                }
                values["last"] = record
            }
            return values
        }
        var values: [String: Any] = [
            "title": "Schedules", "pageKind": "schedules", "triggers": triggers, "hasTriggers": !triggers.isEmpty,
        ]
        if let problem { values["problem"] = problem }
        return Pages.render("schedules", values)
    }
}
