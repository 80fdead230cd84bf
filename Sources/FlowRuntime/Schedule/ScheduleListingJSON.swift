import FlowCore
import Foundation
import JSONValue

/// `havenflow schedule --list --json`: `{"triggers": […]}`, one object per trigger with its workflow, file,
/// index, cron, timezone, last record (or null) and next fire times, as RFC 3339 with the trigger's offset.
public enum ScheduleListingJSON {
    public static func render(_ listings: [ScheduleListing]) -> String {
        JSON.object(["triggers": .array(listings.map(trigger))]).rendered()
    }

    private static func trigger(_ listing: ScheduleListing) -> JSON {
        let zone = TimeZone(identifier: listing.timeZone) ?? TimeZone(identifier: "UTC")!
        return [
            "workflow": .string(listing.workflow), "file": .string(listing.file),
            "index": .number(Double(listing.trigger.index)), "cron": .string(listing.cron.description),
            "timezone": .string(listing.timeZone), "last": listing.last.map { last($0, zone) } ?? .null,
            "next": .array(listing.next.map { .string(rfc3339($0, zone)) }),
        ]
    }

    /// `{scheduled_at, recorded_at, outcome: fired|skipped|missed, run_id (fired), reason (skipped)}`.
    private static func last(_ record: FireRecord, _ zone: TimeZone) -> JSON {
        var members: [String: JSON] = [
            "scheduled_at": .string(rfc3339(record.scheduledAt, zone)),
            "recorded_at": .string(rfc3339(record.recordedAt, zone)),
        ]
        switch record.outcome {
        case .fired(let runID):
            members["outcome"] = "fired"
            members["run_id"] = .string(runID)
        case .skipped(let reason):
            members["outcome"] = "skipped"
            members["reason"] = .string(reason.description)
        case .missed:
            members["outcome"] = "missed"
        }
        return .object(members)
    }

    /// `2026-01-06T02:30:00-05:00`: the time in `zone`, with the offset in effect then.
    public static func rfc3339(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            + sign + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}
