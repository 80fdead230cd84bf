import FlowRuntime
import FlowServe
import Foundation
import HavenSandbox
import JSONValue
import Testing

/// `havenflow_haven_calls_total` and `havenflow_haven_client_retries_total` of a real run against a
/// sandbox that throttles creates and fails job polls: every request the client sent is counted by API
/// and outcome, and the figures agree with the sandbox's audit log of the changes it made.
@Suite("Serve: Haven calls in /metrics", .timeLimit(.minutes(2)))
struct HavenCallsMetricsTests {
    static let names = (1...6).map { "calls-\($0)" }
    static let retry = "retry: { attempts: 8, delay: 1ms, on: transient, jitter: false }"
    static let workflow = """
        name: calls
        steps:
          - id: make
            for_each: [\(names.map { "\"\($0)\"" }.joined(separator: ", "))]
            create-connector:
              connector: "${{ item }}"
              flavor: web_cloud
              config: { url: "https://www.example.com" }
              destination: { action: addtotextindex, index: calls }
            \(retry)
          - id: start
            for_each: "${{ steps.make.outputs }}"
            start-connector: { connector: "${{ item.connector }}", async: true, wait: true }
            \(retry)
          - id: done
            for_each: "${{ steps.make.outputs }}"
            wait-connector: { connector: "${{ item.connector }}", interval: 5ms, timeout: 1m }
          - id: remove
            for_each: "${{ steps.make.outputs }}"
            delete-connector: { connector: "${{ item.connector }}" }
            \(retry)

        """

    @Test func everyRequestIsCountedByAPIAndOutcomeAsTheSandboxSawIt() async throws {
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: audit) }
        let sandbox = SandboxConfiguration(
            jobDelay: .milliseconds(5), runDuration: .milliseconds(5), seed: 19,
            faults: try FaultPlan(parsing: "createconnector:429=0.5,jobstatus:503=0.3"), auditFile: audit.path)
        let fixture = try await ServeFixture(files: ["calls.yaml": Self.workflow], sandbox: sandbox)
        #expect(try await fixture.run("calls.yaml") == .succeeded, "\(fixture.reports.all)")
        let server = try await fixture.serve()
        let metrics = MetricsExposition(try await fetch(server, "/metrics").body)
        await server.stop()
        await fixture.close()

        // The changes the sandbox made, by API: one line per connector created, started and deleted.
        let changes = try String(contentsOf: audit, encoding: .utf8).split(separator: "\n")
            .compactMap { try JSON(parsing: String($0))["api"]?.stringValue }
        let audited = Dictionary(grouping: changes) { $0 }.mapValues(\.count)
        #expect(audited == ["createconnector": 6, "startconnector": 6, "deleteconnector": 6])

        func calls(_ api: String, _ outcome: String) -> Double {
            metrics.value("havenflow_haven_calls_total", ["workflow": "calls", "api": api, "outcome": outcome]) ?? 0
        }
        func retries(_ api: String) -> Double {
            metrics.value("havenflow_haven_client_retries_total", ["workflow": "calls", "api": api]) ?? 0
        }
        func failedAttempts(_ action: String, _ code: String) -> Double {
            metrics.value(
                "havenflow_action_attempts_total",
                ["workflow": "calls", "action": action, "outcome": "failed", "code": code]) ?? 0
        }
        // Each accepted create and start is one change; a delete is its call and its confirmation.
        #expect(calls("createconnector", "ok") == Double(audited["createconnector"] ?? -1))
        #expect(calls("startconnector", "ok") == Double(audited["startconnector"] ?? -1))
        #expect(calls("deleteconnector", "ok") == 2 * Double(audited["deleteconnector"] ?? -1))
        // Each throttled create was sent again by the client, or ended the attempt (the engine retried).
        let throttled = calls("createconnector", "4030")
        #expect(throttled > 0)
        #expect(retries("createconnector") > 0)
        #expect(throttled == retries("createconnector") + failedAttempts("create-connector", "4030"))
        // Job polls: at least one that saw each job end; each failed poll was retried or ended the attempt.
        #expect(calls("jobstatus", "ok") >= 6)
        #expect(calls("jobstatus", "5000") == retries("jobstatus") + failedAttempts("start-connector", "5000"))
        // Nothing else was sent: besides, the start's status read before it submits, and the waits' polls.
        let apis = Set(metrics.samples.filter { $0.name == "havenflow_haven_calls_total" }.compactMap { $0.labels["api"] })
        #expect(apis == ["createconnector", "connectorstatus", "startconnector", "jobstatus", "deleteconnector"])
        #expect(retries("deleteconnector") == 0)
        #expect(calls("deleteconnector", "ok") == metrics.value("havenflow_haven_calls_total", ["api": "deleteconnector"]))
    }
}
