import FlowRuntime
import FlowServe
import Foundation
import JSONValue
import Testing

/// Every route over real HTTP: status codes, content types, the JSON being the CLI's, the 404s and the
/// security headers.
@Suite("Serve routes", .timeLimit(.minutes(2)))
struct RoutesTests {
    @Test func everyRouteAnswersWithItsStatusAndContentType() async throws {
        let fixture = try await ServeFixture(files: ["demo.yaml": Workflows.demo], secrets: ["WEBHOOK_TOKEN": webhookToken])
        #expect(try await fixture.run("demo.yaml") == .succeeded)
        let server = try await fixture.serve()
        let runID = try #require(try await JSON(parsing: fetch(server, "/api/runs").body)["runs"]?[0]?["id"]?.stringValue)

        let expected: [(path: String, status: Int, type: String)] = [
            ("/", 200, "text/html"), ("/?workflow=demo&status=succeeded", 200, "text/html"),
            ("/runs/\(runID)", 200, "text/html"), ("/workflows/demo", 200, "text/html"),
            ("/schedules", 200, "text/html"), ("/api/runs", 200, "application/json"),
            ("/api/runs/\(runID)", 200, "application/json"), ("/api/runs/\(runID)/events", 200, "application/x-ndjson"),
            ("/api/schedules", 200, "application/json"), ("/events/\(runID)", 200, "text/event-stream"),
            ("/healthz", 200, "text/plain"), ("/assets/serve.css", 200, "text/css"),
            ("/assets/serve.js", 200, "text/javascript"),
            ("/runs/19990101T000000Z-000000", 404, "text/html"), ("/workflows/nothing", 404, "text/html"),
            ("/api/runs/19990101T000000Z-000000", 404, "application/json"),
            ("/api/runs/19990101T000000Z-000000/events", 404, "application/json"),
            ("/events/19990101T000000Z-000000", 404, "application/json"),
            ("/no/such/page", 404, "text/html"), ("/api/nothing", 404, "application/json"),
            ("/?status=exploded", 400, "text/html"), ("/api/runs?limit=0", 400, "application/json"),
        ]
        for route in expected {
            let answer = try await fetch(server, route.path)
            #expect(answer.status == route.status, "\(route.path)")
            #expect(answer.contentType.hasPrefix(route.type), "\(route.path): \(answer.contentType)")
            #expect(
                answer.header("Content-Security-Policy") == "default-src 'self'; script-src 'self'; style-src 'self'",
                "\(route.path)")
        }
        let unknown = try await fetch(server, "/runs/19990101T000000Z-000000")
        #expect(unknown.body.contains("there is no run 19990101T000000Z-000000"))
        let unknownJSON = try JSON(parsing: try await fetch(server, "/api/runs/19990101T000000Z-000000").body)
        #expect(unknownJSON["error"]?.stringValue == "there is no run 19990101T000000Z-000000 in the state store")
        await server.stop()
        await fixture.close()
    }

    @Test func theAPIAnswersWithTheJSONTheCLIPrints() async throws {
        let fixture = try await ServeFixture(files: ["demo.yaml": Workflows.demo], secrets: ["WEBHOOK_TOKEN": webhookToken])
        #expect(try await fixture.run("demo.yaml") == .succeeded)
        #expect(try await fixture.run("demo.yaml") == .succeeded)
        let server = try await fixture.serve()
        let history = try RunHistory(stateDirectory: fixture.stateDirectory)
        #expect(try await fetch(server, "/api/runs").body == (try await history.runs(workflow: nil, limit: 20, json: true)))
        #expect(
            try await fetch(server, "/api/runs?workflow=demo&limit=1").body
                == (try await history.runs(workflow: "demo", limit: 1, json: true)))
        let runs = try #require(try JSON(parsing: try await fetch(server, "/api/runs").body)["runs"]?.arrayValue)
        #expect(runs.count == 2)
        let runID = try #require(runs[0]["id"]?.stringValue)
        #expect(try await fetch(server, "/api/runs/\(runID)").body == (try await history.show(runID: runID, json: true)))
        #expect(
            Data(try await fetch(server, "/api/runs/\(runID)/events").body.utf8) == (try await history.log(runID: runID)))
        #expect(
            try await fetch(server, "/api/schedules").body
                == (try await fixture.runtime.scheduleListing(paths: [fixture.folder.path], stateDirectory: fixture.stateDirectory, json: true)))
        await server.stop()
        await fixture.close()
    }

    @Test func theRunsListIsNewestFirstPagedAndFiltered() async throws {
        let fixture = try await ServeFixture(files: ["demo.yaml": Workflows.demo, "failing.yaml": Workflows.failing],
                                             secrets: ["WEBHOOK_TOKEN": webhookToken])
        for _ in 0..<3 { try await fixture.run("failing.yaml") }
        try await fixture.run("demo.yaml")
        let server = try await fixture.serve(ServeConfiguration(port: 0, pageSize: 2))
        let ids = try #require(try JSON(parsing: try await fetch(server, "/api/runs").body)["runs"]?.arrayValue)
            .compactMap { $0["id"]?.stringValue }
        #expect(ids.count == 4)

        let first = try await fetch(server, "/").body
        #expect(rowIDs(first) == Array(ids.prefix(2)))
        #expect(first.contains("href=\"/?page=2\""))
        let second = try await fetch(server, "/?page=2").body
        #expect(rowIDs(second) == Array(ids[2..<4]))
        #expect(!second.contains("rel=\"next\""))
        let failed = try await fetch(server, "/?status=failed").body
        #expect(rowIDs(failed).count == 2)
        #expect(failed.contains("href=\"/?status=failed&amp;page=2\""))
        #expect(rowIDs(try await fetch(server, "/?workflow=demo").body) == [ids[0]])
        #expect(rowIDs(try await fetch(server, "/?workflow=demo&status=failed").body).isEmpty)
        // The sparkline of the demo run: its six steps and three elements succeeded.
        #expect(first.contains("<title>9 succeeded</title>"))
        await server.stop()
        await fixture.close()
    }

    @Test func theWorkflowAndSchedulesPagesShowTheirFacts() async throws {
        let fixture = try await ServeFixture(files: ["demo.yaml": Workflows.demo, "failing.yaml": Workflows.failing],
                                             secrets: ["WEBHOOK_TOKEN": webhookToken])
        try await fixture.run("failing.yaml")
        try await fixture.run("failing.yaml")
        let server = try await fixture.serve()
        let workflow = try await fetch(server, "/workflows/failing").body
        #expect(workflow.contains("success rate 0%"))
        #expect(workflow.components(separatedBy: "<tr data-run-id=").count - 1 == 2)
        #expect(workflow.contains("<svg class=\"chart\""))
        let schedules = try await fetch(server, "/schedules").body
        #expect(schedules.contains("<code>30 2 * * *</code>"))
        #expect(schedules.contains("Europe/Berlin"))
        #expect(schedules.contains("never"))
        #expect(schedules.contains(":30:00+0"))  // the next fires, in Berlin time
        await server.stop()

        // Without the workflow files, the page says why it lists nothing; the API answers 500 with the reason.
        var configuration = ServeConfiguration(port: 0)
        configuration.workflowPaths = [fixture.path("missing")]
        let state = StateDirectory(option: fixture.stateDirectory)
        let reader = RunReader(
            state: state, store: try state.openStore(), runtime: fixture.runtime, workflowPaths: [fixture.path("missing")])
        let broken = try await ServeServer.start(configuration, reader: reader)
        let page = try await fetch(broken, "/schedules")
        #expect(page.status == 200)
        #expect(page.body.contains("the triggers cannot be listed:\n\(fixture.path("missing")): error: no such file or folder"))
        let api = try await fetch(broken, "/api/schedules")
        #expect(api.status == 500)
        #expect(api.body.contains("no such file or folder"))
        await broken.stop()
        await fixture.close()
    }
}

/// The run ids of a runs list's rows, in order.
func rowIDs(_ html: String) -> [String] {
    html.components(separatedBy: "<tr data-run-id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
}
