import FlowCore
import FlowRuntime
import FlowServe
import Foundation
import Testing

/// `/metrics` over real runs recorded in a real SQLite store, scraped over loopback HTTP.
@Suite struct MetricsTests {
    static let checks = """
        name: checks
        steps:
          - id: greet
            log: { message: "checking" }
          - id: check
            for_each: [true, false, true, true]
            assert: { that: "${{ item }}", message: "element is false" }
            retry: { attempts: 2, delay: 1ms, on: any, jitter: false }

        """
    static let retire = """
        name: retire
        steps:
          - id: retire
            for_each: ["ghost-a", "ghost-b"]
            delete-connector: { connector: "${{ item }}" }

        """

    @Test func runsStepsElementsAttemptsAndRetriesOfRealRuns() async throws {
        let fixture = try MetricsFixture(files: ["checks.yaml": Self.checks, "retire.yaml": Self.retire])
        #expect(try await fixture.run("checks.yaml") == .failed)
        #expect(try await fixture.run("retire.yaml") == .failed)
        try await fixture.withMetrics { store, scrape in
            let metrics = try await scrape()
            let checks = ["workflow": "checks"]
            #expect(metrics.value("havenflow_runs", ["workflow": "checks", "status": "failed"]) == 1)
            #expect(metrics.value("havenflow_runs", ["workflow": "retire", "status": "failed"]) == 1)
            #expect(metrics.value("havenflow_runs", ["workflow": "checks", "status": "succeeded"]) == nil)
            // The false element: two attempts, both failed (code `assertion`), the first retried.
            #expect(metrics.value("havenflow_action_attempts_total", checks.merging(
                ["action": "assert", "outcome": "failed", "code": "assertion"]) { $1 }) == 2)
            #expect(metrics.value("havenflow_action_attempts_total", checks.merging(
                ["action": "assert", "outcome": "succeeded", "code": ""]) { $1 }) == 3)
            #expect(metrics.value("havenflow_action_attempts_total", checks.merging(
                ["action": "log", "outcome": "succeeded"]) { $1 }) == 1)
            #expect(metrics.value("havenflow_action_retries_total", checks.merging(["action": "assert"]) { $1 }) == 1)
            // The sandbox's answer to deleting a connector that does not exist: Haven error 4005, not retried.
            #expect(metrics.value("havenflow_action_attempts_total", [
                "workflow": "retire", "action": "delete-connector", "outcome": "failed", "code": "4005",
            ]) == 2)
            #expect(metrics.value("havenflow_action_retries_total", ["workflow": "retire"]) == nil)
            // Durations: one histogram observation per element, step and run; the element sum is the store's.
            #expect(metrics.value("havenflow_element_duration_seconds_count", checks.merging(
                ["step": "check", "status": "succeeded"]) { $1 }) == 3)
            #expect(metrics.value("havenflow_element_duration_seconds_count", checks.merging(
                ["step": "check", "status": "failed"]) { $1 }) == 1)
            #expect(metrics.value("havenflow_step_duration_seconds_count", checks.merging(
                ["step": "check", "action": "assert", "status": "failed"]) { $1 }) == 1)
            #expect(metrics.value("havenflow_step_duration_seconds_count", checks.merging(
                ["step": "greet", "action": "log", "status": "succeeded"]) { $1 }) == 1)
            #expect(metrics.value("havenflow_run_duration_seconds_count", ["workflow": "checks", "status": "failed"]) == 1)
            let runID = try #require(try await store.runs(workflow: "checks", limit: 1).first).id
            let recorded = try await store.elements(runID: runID, step: "check").reduce(0) { $0 + $1.durationMs }
            let sum = try #require(metrics.value("havenflow_element_duration_seconds_sum", checks))
            #expect(abs(sum - Double(recorded) / 1000) < 0.0005)
            #expect(metrics.value("havenflow_metrics_unreadable_logs") == 0)
        }
    }

    @Test func aSecondScrapeCountsOnlyWhatIsNew() async throws {
        let fixture = try MetricsFixture(files: ["checks.yaml": Self.checks])
        try await fixture.run("checks.yaml")
        try await fixture.withMetrics { store, scrape in
            let failedAttempts = ["workflow": "checks", "action": "assert", "outcome": "failed"]
            #expect(try await scrape().value("havenflow_action_attempts_total", failedAttempts) == 2)
            // A line appended to the finished run's log after it was read is not read again …
            let first = try #require(try await store.runs().first).id
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: fixture.state.runLogPath(first)))
            try log.seekToEnd()
            try log.write(contentsOf: Data(
                #"{"attempt":1,"error":{"code":"assertion","message":"x"},"event":"attempt_failed","index":1,"retry_in_ms":null,"run_id":"x","step":"check","ts":"2026-12-07T00:00:00.000Z"}"#.utf8 + [10]))
            try log.close()
            #expect(try await scrape().value("havenflow_action_attempts_total", failedAttempts) == 2)
            // … and a second run adds its own figures once.
            try await fixture.run("checks.yaml")
            let metrics = try await scrape()
            #expect(metrics.value("havenflow_runs", ["workflow": "checks", "status": "failed"]) == 2)
            #expect(metrics.value("havenflow_action_attempts_total", failedAttempts) == 4)
            #expect(metrics.value("havenflow_run_duration_seconds_count", ["workflow": "checks"]) == 2)
            #expect(try await scrape().value("havenflow_action_attempts_total", failedAttempts) == 4)
        }
    }

    @Test func aResumedRunCountsItsRerunElementsNotItsResumedOnes() async throws {
        let fixture = try MetricsFixture(files: ["checks.yaml": Self.checks])
        try await fixture.run("checks.yaml")
        try await fixture.withMetrics { store, scrape in
            let assertLabels = ["workflow": "checks", "action": "assert"]
            let before = try await scrape()
            #expect(before.value("havenflow_action_attempts_total", assertLabels.merging(["outcome": "succeeded"]) { $1 }) == 3)
            let runID = try #require(try await store.runs().first).id
            #expect(try await fixture.resume(runID, file: "checks.yaml") == .failed)
            let after = try await scrape()
            // Only the false element ran again: two more failed attempts, no more successes.
            #expect(after.value("havenflow_action_attempts_total", assertLabels.merging(["outcome": "failed"]) { $1 }) == 4)
            #expect(after.value("havenflow_action_attempts_total", assertLabels.merging(["outcome": "succeeded"]) { $1 }) == 3)
            #expect(after.value("havenflow_element_duration_seconds_count", ["workflow": "checks", "status": "succeeded"]) == 3)
            #expect(after.value("havenflow_element_duration_seconds_count", ["workflow": "checks", "status": "failed"]) == 2)
            #expect(after.value("havenflow_runs", ["workflow": "checks", "status": "failed"]) == 1)
            #expect(after.value("havenflow_run_duration_seconds_count", ["workflow": "checks"]) == 2)
        }
    }

    @Test func schedulerFiresSkipsMissesAndLagFromTheFireRecords() async throws {
        let fixture = try MetricsFixture(files: [:])
        let nightly = TriggerID(workflow: "nightly", index: 0)
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        try await fixture.withMetrics(triggers: { [nightly] }) { store, scrape in
            #expect(try await scrape().value("havenflow_scheduler_fires_total") == nil)
            // The trigger had no record at the first look: its first record counts.
            try await store.record(FireRecord(trigger: nightly, scheduledAt: due, recordedAt: due, outcome: .missed))
            let first = try await scrape()
            #expect(first.value("havenflow_scheduler_fires_total", ["workflow": "nightly", "outcome": "missed"]) == 1)
            try await store.record(FireRecord(
                trigger: nightly, scheduledAt: due + 3600, recordedAt: due + 3602.5, outcome: .fired(runID: "r1")))
            var metrics = try await scrape()
            #expect(metrics.value("havenflow_scheduler_fires_total", ["workflow": "nightly", "outcome": "fired"]) == 1)
            #expect(metrics.value("havenflow_scheduler_lag_seconds_count", ["workflow": "nightly"]) == 1)
            #expect(metrics.value("havenflow_scheduler_lag_seconds_sum", ["workflow": "nightly"]) == 2.5)
            #expect(metrics.value("havenflow_scheduler_lag_seconds_bucket", ["workflow": "nightly", "le": "1.0"]) == 0)
            #expect(metrics.value("havenflow_scheduler_lag_seconds_bucket", ["workflow": "nightly", "le": "5.0"]) == 1)
            try await store.record(FireRecord(
                trigger: nightly, scheduledAt: due + 7200, recordedAt: due + 7200,
                outcome: .skipped(.overlap(activeRun: "r1"))))
            metrics = try await scrape()
            #expect(metrics.value("havenflow_scheduler_fires_total", ["workflow": "nightly", "outcome": "skipped"]) == 1)
            #expect(metrics.value("havenflow_scheduler_fires_total", ["workflow": "nightly", "outcome": "fired"]) == 1)
            #expect(metrics.value("havenflow_scheduler_fires_total", ["outcome": "missed"]) == 1)
        }
    }

    @Test func newRunsBeyondTheFirstPageAreAllCountedAndLogsThatCannotBeReadAreNamed() async throws {
        let fixture = try MetricsFixture(files: [:])
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        try await fixture.withMetrics { store, scrape in
            func register(_ range: Range<Int>) async throws {
                for index in range {
                    let run = RunRegistration(
                        id: RunID.make(date: start + Double(index)), workflow: "bulk", file: "/nowhere/bulk.yaml",
                        fileHash: "0", stepKeys: ["only"])
                    try await store.register(run, at: start + Double(index))
                }
            }
            try await register(0..<250)
            var metrics = try await scrape()
            #expect(metrics.value("havenflow_runs", ["workflow": "bulk", "status": "running"]) == 250)
            // These runs have no log: counted as runs, named as unreadable.
            #expect(metrics.value("havenflow_metrics_unreadable_logs") == 250)
            // 230 more: more than the first page of 100, so the page grows until it reaches a known run.
            try await register(250..<480)
            metrics = try await scrape()
            #expect(metrics.value("havenflow_runs", ["workflow": "bulk", "status": "running"]) == 480)
            #expect(metrics.value("havenflow_metrics_unreadable_logs") == 480)
        }
    }

    /// Three scrapes in flight at once answer the same figures, and the fire counts once. (Whether the
    /// requests overlap inside the collector depends on timing: this checks the values, not the turn-taking.)
    @Test func concurrentScrapesAnswerTheSameFigures() async throws {
        let fixture = try MetricsFixture(files: ["checks.yaml": Self.checks])
        let nightly = TriggerID(workflow: "checks", index: 0)
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        try await fixture.withMetrics(triggers: { [nightly] }) { store, scrape in
            try await store.record(FireRecord(trigger: nightly, scheduledAt: due, recordedAt: due, outcome: .missed))
            _ = try await scrape()  // the baseline
            try await fixture.run("checks.yaml")
            try await store.record(FireRecord(
                trigger: nightly, scheduledAt: due + 60, recordedAt: due + 61, outcome: .fired(runID: "r")))
            async let first = scrape()
            async let second = scrape()
            async let third = scrape()
            let answers = try await [first, second, third]
            let attempts = ["workflow": "checks", "action": "assert"]
            #expect(answers.map { $0.value("havenflow_action_attempts_total", attempts) } == [5, 5, 5])
            let fires = try await scrape()
            #expect(fires.value("havenflow_scheduler_fires_total", ["workflow": "checks", "outcome": "fired"]) == 1)
            #expect(fires.value("havenflow_element_duration_seconds_count", ["workflow": "checks"]) == 4)
        }
    }
}
