import FlowCore
import Foundation

/// Counts the scheduler's fire records into `havenflow_scheduler_fires_total` and
/// `havenflow_scheduler_lag_seconds`. The state store gives each trigger's latest record only
/// (`FireStore.lastRecord(of:)`), so a record counts when it differs from the one seen at the previous
/// scrape: the record found at the first look is the baseline, not counted, and several records of one
/// trigger between two scrapes (a catch-up of missed times, say) count as one.
struct FireTally {
    private var latest: [TriggerID: FireRecord] = [:]

    /// Reads the latest record of each of `triggers` from `store` and counts the new ones.
    mutating func count(_ triggers: [TriggerID], store: any FireStore, series: MetricsSeries) async throws {
        for trigger in triggers {
            guard let record = try await store.lastRecord(of: trigger) else { continue }
            let previous = latest.updateValue(record, forKey: trigger)
            guard let previous,
                previous.scheduledAt != record.scheduledAt || previous.recordedAt != record.recordedAt
            else { continue }
            let outcome: String
            switch record.outcome {
            case .fired:
                outcome = "fired"
                let lag = record.recordedAt.timeIntervalSince(record.scheduledAt)
                series.time(
                    MetricsSeries.lag, [("workflow", trigger.workflow)], milliseconds: Int((lag * 1000).rounded()))
            case .skipped: outcome = "skipped"
            case .missed: outcome = "missed"
            }
            series.count(MetricsSeries.fires, [("workflow", trigger.workflow), ("outcome", outcome)])
        }
    }
}
