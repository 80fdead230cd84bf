import FlowCore
import FlowRuntime
import FlowServe
import Foundation
import Testing

/// `havenflow_scheduler_fires_total` counts every fire record made between two scrapes, not only the latest.
@Suite struct MetricsFiresTests {
    @Test func everyRecordOfACatchUpBetweenTwoScrapesCounts() async throws {
        let fixture = try MetricsFixture(files: [:])
        let nightly = TriggerID(workflow: "nightly", index: 0)
        let hourly = TriggerID(workflow: "hourly", index: 0)
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        try await fixture.withMetrics(triggers: { [nightly, hourly] }) { store, scrape in
            // Present at the first look: the baseline, not counted.
            try await store.record(
                FireRecord(trigger: nightly, scheduledAt: due, recordedAt: due, outcome: .fired(runID: "r0")))
            #expect(try await scrape().value("havenflow_scheduler_fires_total") == nil)

            // A catch-up after a restart: three missed times, then a fire, all before the next scrape.
            for hour in 1...3 {
                try await store.record(
                    FireRecord(
                        trigger: nightly, scheduledAt: due + Double(hour) * 3600, recordedAt: due + 4 * 3600,
                        outcome: .missed))
            }
            try await store.record(
                FireRecord(
                    trigger: nightly, scheduledAt: due + 4 * 3600, recordedAt: due + 4 * 3600 + 0.5,
                    outcome: .fired(runID: "r4")))
            try await store.record(
                FireRecord(
                    trigger: hourly, scheduledAt: due, recordedAt: due, outcome: .skipped(.lockBusy)))
            var metrics = try await scrape()
            #expect(
                metrics.value("havenflow_scheduler_fires_total", ["workflow": "nightly", "outcome": "missed"]) == 3)
            #expect(metrics.value("havenflow_scheduler_fires_total", ["workflow": "nightly", "outcome": "fired"]) == 1)
            #expect(metrics.value("havenflow_scheduler_lag_seconds_count", ["workflow": "nightly"]) == 1)
            #expect(metrics.value("havenflow_scheduler_lag_seconds_sum", ["workflow": "nightly"]) == 0.5)
            // hourly had no record at the first look: its first one counts.
            #expect(
                metrics.value("havenflow_scheduler_fires_total", ["workflow": "hourly", "outcome": "skipped"]) == 1)

            // Nothing new: nothing counted again.
            metrics = try await scrape()
            #expect(
                metrics.value("havenflow_scheduler_fires_total", ["workflow": "nightly", "outcome": "missed"]) == 3)
            #expect(
                metrics.value("havenflow_scheduler_fires_total", ["workflow": "hourly", "outcome": "skipped"]) == 1)

            // More records than the first page of 100 between two scrapes: every one counts.
            for minute in 1...250 {
                try await store.record(
                    FireRecord(
                        trigger: hourly, scheduledAt: due + Double(minute) * 60, recordedAt: due + 20_000,
                        outcome: .missed))
            }
            metrics = try await scrape()
            #expect(
                metrics.value("havenflow_scheduler_fires_total", ["workflow": "hourly", "outcome": "missed"]) == 250)
            #expect(
                metrics.value("havenflow_scheduler_fires_total", ["workflow": "nightly", "outcome": "missed"]) == 3)
        }
    }
}
