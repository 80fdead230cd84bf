import FlowCore
import JSONValue

/// Counts one run's log events (docs/run-log.md) into the series of runs, steps, elements, attempts,
/// retries and Haven requests. Resumed steps and elements (`resumed: true`) were not run again and are not
/// counted; skipped ones have no duration worth a histogram and are left out of the durations.
struct RunEventTally {
    let series: MetricsSeries
    let workflow: String

    /// Counts `events`, keeping in `cursor` the step actions later events need.
    func count(_ events: [JSON], cursor: inout RunLogCursor) {
        for event in events {
            let step = event["step"]?.stringValue ?? ""
            switch event["event"]?.stringValue {
            case "run_started":
                cursor.runFinished = false
            case "step_started":
                cursor.actions[step] = event["action"]?.stringValue
            case "attempt_failed":
                let action = cursor.actions[step] ?? "unknown"
                let code = event["error"]?["code"]?.stringValue ?? ""
                series.count(MetricsSeries.attempts, attemptLabels(action, "failed", code))
                if event["retry_in_ms"]?.intValue != nil {
                    series.count(MetricsSeries.retries, [("workflow", workflow), ("action", action), ("code", code)])
                }
            case "item_finished":
                guard event["resumed"]?.boolValue != true, let status = event["status"]?.stringValue,
                    status != "skipped"
                else { continue }
                countCalls(event["calls"])
                series.time(
                    MetricsSeries.elementDuration, [("workflow", workflow), ("step", step), ("status", status)],
                    milliseconds: event["duration_ms"]?.intValue ?? 0)
                if status == "succeeded" {
                    series.count(MetricsSeries.attempts, attemptLabels(cursor.actions[step] ?? "unknown", status, ""))
                }
            case "step_finished":
                guard event["resumed"]?.boolValue != true, let status = event["status"]?.stringValue,
                    status != "skipped"
                else { continue }
                let action = event["action"]?.stringValue ?? cursor.actions[step] ?? "unknown"
                series.time(
                    MetricsSeries.stepDuration,
                    [("workflow", workflow), ("step", step), ("action", action), ("status", status)],
                    milliseconds: event["duration_ms"]?.intValue ?? 0)
                // A `for_each` step's attempts and calls are its elements', counted with them.
                if event["items"] == nil {
                    if status == "succeeded" { series.count(MetricsSeries.attempts, attemptLabels(action, status, "")) }
                    countCalls(event["calls"])
                }
            case "run_finished":
                series.time(
                    MetricsSeries.runDuration,
                    [("workflow", workflow), ("status", event["status"]?.stringValue ?? "unknown")],
                    milliseconds: event["duration_ms"]?.intValue ?? 0)
                cursor.runFinished = true
                cursor.actions = [:]
            default:
                continue
            }
        }
    }

    /// `havenflow_haven_calls_total` and `havenflow_haven_client_retries_total` from a `calls` object,
    /// `{"createconnector": {"ok": 3, "4030": 2, "retries": 2}}`.
    private func countCalls(_ calls: JSON?) {
        guard let apis = calls?.objectValue else { return }
        for (api, outcomes) in apis {
            for (outcome, count) in outcomes.objectValue ?? [:] {
                guard let count = count.intValue, count > 0 else { continue }
                if outcome == CallCounts.retriesKey {
                    series.count(MetricsSeries.havenRetries, [("workflow", workflow), ("api", api)], by: count)
                } else {
                    series.count(
                        MetricsSeries.havenCalls, [("workflow", workflow), ("api", api), ("outcome", outcome)], by: count)
                }
            }
        }
    }

    private func attemptLabels(_ action: String, _ outcome: String, _ code: String) -> [(String, String)] {
        [("workflow", workflow), ("action", action), ("outcome", outcome), ("code", code)]
    }
}
