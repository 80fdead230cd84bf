import FlowServe
import Testing

/// A run recorded by another host through a shared PostgreSQL store has no run log on the serving host:
/// `/events/RUN_ID` streams the events the store holds, the same lines `/api/runs/RUN_ID/events` answers,
/// and the run page draws its timeline from them.
@Suite("Serve: a run of another host", .timeLimit(.minutes(1)))
struct RemoteRunEventsTests {
    @Test func theEventStreamOfARunRecordedElsewhereComesFromTheStore() async throws {
        let runID = "20991231T235959Z-0a0b0c0d0e0f"
        try await withRunOfAnotherHost(remoteWorkflow, runID: runID) { server in
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
        }
    }
}
