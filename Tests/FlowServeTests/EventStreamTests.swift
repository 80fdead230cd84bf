import AsyncHTTPClient
import FlowRuntime
import FlowServe
import Foundation
import JSONValue
import NIOCore
import Testing

/// `/events/RUN_ID` follows a running run: the events so far, then each new one, and it ends with the run.
@Suite("Serve event stream", .timeLimit(.minutes(1)))
struct EventStreamTests {
    @Test func theStreamDeliversTheEventsOfARunningRunAndEndsWithIt() async throws {
        let fixture = try await ServeFixture(files: ["slow.yaml": Workflows.slow])
        let server = try await fixture.serve()
        let runID = "20991231T235959Z-abc123"
        let run = Task { try await fixture.run("slow.yaml", runID: runID) }
        // Wait until the run is recorded and has started its pause.
        while true {
            let answer = try await fetch(server, "/api/runs/\(runID)")
            let status = answer.status == 200 ? try JSON(parsing: answer.body)["status"]?.stringValue : nil
            let log = try await fetch(server, "/api/runs/\(runID)/events").body
            if status == "running", log.contains("\"step\":\"pause\"") { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        // The runs list while it runs: its sparkline as it is now (a running run's is not kept).
        #expect(try await fetch(server, "/").body.contains("<title>1 succeeded, 1 running</title>"))
        let page = try await fetch(server, "/runs/\(runID)").body
        #expect(page.contains("data-run-status=\"running\""))
        #expect(page.contains("<span class=\"live\" id=\"live\">live</span>"))

        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/events/\(runID)"), timeout: .seconds(30))
        #expect(response.headers.first(name: "content-type") == "text/event-stream; charset=utf-8")
        var text = ""
        var sawRunningBeforeTheElements = false
        for try await chunk in response.body {
            text += String(buffer: chunk)
            if !text.contains("event: item_finished"), text.contains("event: step_started") {
                sawRunningBeforeTheElements = true
            }
        }
        // The body ended: the stream closes once the run has ended.
        #expect(try await run.value == .succeeded)
        #expect(try await fetch(server, "/").body.contains("<title>5 succeeded</title>"))
        let events = text.components(separatedBy: "\n\n").filter { !$0.isEmpty && !$0.hasPrefix(":") }
        let names = events.compactMap { event in
            event.split(separator: "\n").first { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
        }
        #expect(sawRunningBeforeTheElements)
        #expect(names.first == "run_started")
        #expect(names.last == "run_finished")
        #expect(names.filter { $0 == "item_finished" }.count == 3)
        let log = String(decoding: try await RunHistory(stateDirectory: fixture.stateDirectory).log(runID: runID), as: UTF8.self)
        // Every line of the log, in order, each as the data of one event numbered by its line.
        let data = events.compactMap { event in
            event.split(separator: "\n").first { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
        }
        #expect(data == log.split(separator: "\n").map(String.init))
        #expect(events.last?.hasPrefix("id: \(data.count)\n") == true)

        // A client that reconnects with Last-Event-ID gets only the lines after it.
        let again = try await fetch(server, "/events/\(runID)", headers: ["Last-Event-ID": "\(data.count - 1)"])
        #expect(again.body == "id: \(data.count)\nevent: run_finished\ndata: \(data.last!)\n\n")
        await server.stop()
        await fixture.close()
    }
}
