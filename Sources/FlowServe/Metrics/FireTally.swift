import FlowCore
import Foundation

/// Counts the scheduler's fire records into `havenflow_scheduler_fires_total` and
/// `havenflow_scheduler_lag_seconds`. The first scrape that lists a trigger takes its latest record as the
/// baseline (not counted); every later scrape counts each record newer than the latest one it saw, read
/// through `FireStore.records(of:limit:)` in pages that double until that record is among them — so the
/// several records of a catch-up between two scrapes count one by one.
struct FireTally {
    static let firstPage = 100
    /// Each trigger already looked at, with the latest record seen then (`nil`: it had none).
    private var latest: [TriggerID: FireRecord?] = [:]

    /// Reads the records of each of `triggers` from `store` that are newer than the ones seen and counts them.
    mutating func count(_ triggers: [TriggerID], store: any FireStore, series: MetricsSeries) async throws {
        for trigger in triggers {
            guard let seen = latest[trigger] else {
                let baseline = try await store.records(of: trigger, limit: 1).first
                latest.updateValue(baseline, forKey: trigger)
                continue
            }
            let new = try await Self.records(of: trigger, newerThan: seen, store: store)
            guard let newest = new.first else { continue }
            latest.updateValue(newest, forKey: trigger)
            for record in new.reversed() { Self.count(record, series: series) }
        }
    }

    /// `trigger`'s records newer than `seen` (every record when `seen` is nil), newest first. Should `seen`
    /// be gone from the store, the records due after it.
    private static func records(
        of trigger: TriggerID, newerThan seen: FireRecord?, store: any FireStore
    ) async throws -> [FireRecord] {
        var limit = firstPage
        while true {
            let records = try await store.records(of: trigger, limit: limit)
            if let seen, let index = records.firstIndex(of: seen) { return Array(records[..<index]) }
            if records.count < limit {
                guard let seen else { return records }
                return records.filter { $0.scheduledAt > seen.scheduledAt }
            }
            limit *= 2
        }
    }

    private static func count(_ record: FireRecord, series: MetricsSeries) {
        let outcome: String
        switch record.outcome {
        case .fired:
            outcome = "fired"
            let lag = record.recordedAt.timeIntervalSince(record.scheduledAt)
            series.time(
                MetricsSeries.lag, [("workflow", record.trigger.workflow)], milliseconds: Int((lag * 1000).rounded()))
        case .skipped: outcome = "skipped"
        case .missed: outcome = "missed"
        }
        series.count(MetricsSeries.fires, [("workflow", record.trigger.workflow), ("outcome", outcome)])
    }
}
