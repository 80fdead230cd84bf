import FlowServe
import Foundation
import JSONValue
import Testing

/// Values from workflows and APIs render as text, and nothing secret is served.
@Suite("Serve safety", .timeLimit(.minutes(2)))
struct SafetyTests {
    @Test func markupInMessagesAndErrorsRendersAsText() async throws {
        let fixture = try await ServeFixture(files: ["demo.yaml": Workflows.demo, "failing.yaml": Workflows.failing],
                                             secrets: ["WEBHOOK_TOKEN": webhookToken])
        #expect(try await fixture.run("demo.yaml") == .succeeded)
        #expect(try await fixture.run("failing.yaml") == .failed)
        let server = try await fixture.serve()
        let runs = try #require(try JSON(parsing: try await fetch(server, "/api/runs").body)["runs"]?.arrayValue)
        for run in runs {
            let id = try #require(run["id"]?.stringValue)
            let page = try await fetch(server, "/runs/\(id)").body
            #expect(!page.contains("<script>alert"), "run \(id)")
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "run \(id)")
            // No inline script or style: the page's one script and stylesheet come from /assets.
            #expect(page.components(separatedBy: "<script").count - 1 == 1)
            #expect(page.contains("<script src=\"/assets/serve.js\" defer></script>"))
            #expect(!page.contains("<style") && !page.contains(" style=") && !page.contains(" onclick="))
        }
        // The connector's description, as the sandbox returns it, among the outputs of the step that read it.
        let demoID = try #require(runs.first { $0["workflow"] == "demo" }?["id"]?.stringValue)
        let demo = try await fetch(server, "/runs/\(demoID)").body
        #expect(demo.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;"))
        let failingID = try #require(runs.first { $0["workflow"] == "failing" }?["id"]?.stringValue)
        let failing = try await fetch(server, "/runs/\(failingID)").body
        #expect(failing.contains("data-run-status=\"failed\""))
        #expect(failing.contains("<g class=\"bar step\" data-step=\"boom\" data-status=\"failed\"><title>boom (fail) failed"))
        await server.stop()
        await fixture.close()
    }

    @Test func noPageOrAnswerHoldsASecret() async throws {
        let fixture = try await ServeFixture(files: ["demo.yaml": Workflows.demo], secrets: ["WEBHOOK_TOKEN": webhookToken])
        #expect(try await fixture.run("demo.yaml") == .succeeded)
        let server = try await fixture.serve()
        let runID = try #require(try JSON(parsing: try await fetch(server, "/api/runs").body)["runs"]?[0]?["id"]?.stringValue)
        var paths = ["/", "/runs/\(runID)", "/workflows/demo", "/schedules", "/api/runs", "/api/runs/\(runID)",
                     "/api/runs/\(runID)/events", "/api/schedules", "/events/\(runID)", "/healthz"]
        paths.append("/?workflow=demo")
        var masked = 0
        for path in paths {
            let body = try await fetch(server, path).body
            #expect(!body.contains(webhookToken), "\(path) holds the webhook token")
            #expect(!body.contains(ServeFixture.apiKey), "\(path) holds the API key")
            if body.contains("token ****") { masked += 1 }
        }
        // The message that used the secret is there, masked, on the run page, the JSON, the log and the stream.
        #expect(masked >= 3)
        await server.stop()
        await fixture.close()
    }
}
