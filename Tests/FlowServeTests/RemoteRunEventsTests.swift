import FlowRuntime
import FlowServe
import Foundation
import PostgresTesting
import Testing

/// A run recorded by another host through a shared PostgreSQL store has no run log on the serving host:
/// `/events/RUN_ID` streams the events the store holds, the same lines `/api/runs/RUN_ID/events` answers,
/// and the run page draws its timeline from them.
@Suite("Serve: a run of another host", .timeLimit(.minutes(1)))
struct RemoteRunEventsTests {
    static let workflow = """
        name: elsewhere
        steps:
          - id: first
            log: { message: "first" }
          - id: rebuild
            for_each: ["a", "b", "c"]
            log: { message: "element ${{ item }}" }

        """

    @Test func theEventStreamOfARunRecordedElsewhereComesFromTheStore() async throws {
        let url = try PostgresServer.shared().freshURL()
        let fixture = try await ServeFixture(files: ["large.yaml": Self.workflow])
        var hostA = fixture.runtime
        hostA.environment["HAVENFLOW_STORE"] = url
        let runID = "20991231T235959Z-0a0b0c0d0e0f"
        let status = try await hostA.run(
            RunRequest(
                file: fixture.path("large.yaml"), stateDirectory: fixture.path("host-a"),
                target: .endpoint(fixture.sandbox.endpoint), output: .jsonLines,
                secretsFile: fixture.path("secrets.env"), runID: runID))
        #expect(status == .succeeded)

        let state = StateDirectory(option: fixture.path("host-b"), environment: ["HAVENFLOW_STORE": url])
        try state.create()
        #expect(!FileManager.default.fileExists(atPath: state.runLogPath(runID)))
        let server = try await ServeServer.start(
            ServeConfiguration(port: 0),
            reader: RunReader(state: state, store: try state.openStore(), runtime: hostA, workflowPaths: []))
        let stored = try await fetch(server, "/api/runs/\(runID)/events").body
        let lines = stored.split(separator: "\n").map(String.init)
        #expect(lines.count > 3)
        #expect(lines.last?.contains("\"event\":\"run_finished\"") == true)
        let stream = try await fetch(server, "/events/\(runID)").body
        let data = stream.components(separatedBy: "\n\n").compactMap { event in
            event.split(separator: "\n").first { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
        }
        #expect(data == lines)
        // The run page's timeline draws every step, the plain one too, from the same events.
        let page = try await fetch(server, "/runs/\(runID)").body
        #expect(page.contains("class=\"bar step\" data-step=\"first\""))
        #expect(page.components(separatedBy: "class=\"bar element\"").count - 1 == 3)
        await server.stop()
        await fixture.close()
    }
}
