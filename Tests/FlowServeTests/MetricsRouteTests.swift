import FlowCore
import FlowRuntime
import FlowServe
import Foundation
import Testing

/// `/metrics` as `havenflow serve` serves it: the runs of its state directory and the fire records of the
/// triggers of its workflow files.
@Suite struct MetricsRouteTests {
    @Test func theServerServesTheRunsAndTheFiresOfItsWorkflowFiles() async throws {
        let fixture = try await ServeFixture(files: ["demo.yaml": Workflows.demo], secrets: ["WEBHOOK_TOKEN": webhookToken])
        #expect(try await fixture.run("demo.yaml") == .succeeded, "\(fixture.reports.all)")
        let server = try await fixture.serve()
        let store = try fixture.reader().store
        let trigger = TriggerID(workflow: "demo", index: 0)
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        try await store.record(FireRecord(trigger: trigger, scheduledAt: due, recordedAt: due, outcome: .missed))

        let first = try await fetch(server, "/metrics")
        #expect(first.status == 200)
        #expect(first.contentType == "text/plain; version=0.0.4; charset=utf-8")
        let metrics = MetricsExposition(first.body)
        #expect(metrics.value("havenflow_runs", ["workflow": "demo", "status": "succeeded"]) == 1)
        #expect(metrics.value("havenflow_action_attempts_total", [
            "workflow": "demo", "action": "create-connector", "outcome": "succeeded",
        ]) == 1)
        #expect(metrics.value("havenflow_element_duration_seconds_count", ["workflow": "demo", "step": "rebuild"]) == 3)
        #expect(!first.body.contains(webhookToken))

        try await store.record(FireRecord(
            trigger: trigger, scheduledAt: due + 86400, recordedAt: due + 86401, outcome: .fired(runID: "r")))
        let second = MetricsExposition(try await fetch(server, "/metrics").body)
        #expect(second.value("havenflow_scheduler_fires_total", ["workflow": "demo", "outcome": "fired"]) == 1)
        #expect(second.value("havenflow_scheduler_lag_seconds_sum", ["workflow": "demo"]) == 1)
        await server.stop()
        await fixture.close()
    }
}
