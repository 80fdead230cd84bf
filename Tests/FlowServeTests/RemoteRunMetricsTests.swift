import Testing

/// `/metrics` of a run recorded by another host through a shared PostgreSQL store: with no run log on the
/// serving host, its steps, elements, attempts and Haven calls are counted from the events the store holds.
@Suite("Serve: /metrics of a run of another host", .timeLimit(.minutes(1)))
struct RemoteRunMetricsTests {
    @Test func theStepsElementsAndCallsOfARunRecordedElsewhereAreCounted() async throws {
        var scrapes: [MetricsExposition] = []
        try await withRunOfAnotherHost(remoteWorkflow, runID: "20991231T235959Z-1a2b3c4d5e6f") { server in
            // The second scrape counts nothing again.
            for _ in 0..<2 { scrapes.append(MetricsExposition(try await fetch(server, "/metrics").body)) }
        }
        #expect(scrapes.count == 2)
        let run = ["workflow": "elsewhere"]
        for metrics in scrapes {
            #expect(metrics.value("havenflow_metrics_unreadable_logs") == 0)
            #expect(metrics.value("havenflow_runs", ["workflow": "elsewhere", "status": "succeeded"]) == 1)
            #expect(metrics.value("havenflow_run_duration_seconds_count", run) == 1)
            for step in ["first", "rebuild", "look"] {
                #expect(metrics.value("havenflow_step_duration_seconds_count", ["step": step, "status": "succeeded"]) == 1)
            }
            #expect(metrics.value("havenflow_element_duration_seconds_count", ["step": "rebuild", "status": "succeeded"]) == 3)
            #expect(metrics.value("havenflow_action_attempts_total", ["action": "log", "outcome": "succeeded"]) == 4)
            #expect(metrics.value(
                "havenflow_haven_calls_total", ["workflow": "elsewhere", "api": "listresources", "outcome": "ok"]) == 1)
        }
    }
}
