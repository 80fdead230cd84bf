import FlowCore
import Foundation

/// `havenflow schedule --list`: one line per trigger, times in the trigger's time zone.
enum ScheduleListingText {
    static func render(_ listings: [ScheduleListing]) -> String {
        if listings.isEmpty { return "no scheduled workflows" }
        let rows = listings.map { listing -> [String] in
            let zone = TimeZone(identifier: listing.timeZone) ?? TimeZone(identifier: "UTC")!
            let next = listing.next.map { format($0, zone) }.joined(separator: ", ")
            return [
                listing.workflow, "#\(listing.trigger.index)", "\(listing.cron) \(listing.timeZone)",
                "last " + (listing.last.map { last($0, zone) } ?? "never"), "next " + next,
            ]
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<4).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + row[4]
        }.joined(separator: "\n")
    }

    private static func last(_ record: FireRecord, _ zone: TimeZone) -> String {
        let time = format(record.scheduledAt, zone)
        switch record.outcome {
        case .fired(let runID): return "\(time) fired run \(runID)"
        case .skipped(let reason): return "\(time) skipped: \(reason)"
        case .missed: return "\(time) missed"
        }
    }

    /// `2026-01-06 02:30` in `zone`.
    static func format(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }
}
