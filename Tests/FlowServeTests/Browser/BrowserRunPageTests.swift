import FlowRuntime
import FlowServe
import Foundation
import JSONValue
import Testing

/// The run page in a real browser (Debian's chromium, headless): a 200-element run's bars and statuses
/// in the DOM, markup from a workflow shown as text and never run, a running run's page growing live from
/// `/events/RUN_ID`, and a screenshot.
@Suite("Serve in a browser", .timeLimit(.minutes(5)))
struct BrowserRunPageTests {
    /// 200 elements against the sandbox: deleting an index that does not exist succeeds under
    /// `missing_ok`, which is false for every seventh element, so those fail. Two steps print markup.
    static let sweep = """
        name: sweep
        vars:
          items: [\((0..<200).map(String.init).joined(separator: ", "))]
        steps:
          - id: markup
            log: { message: "<script>alert(1)</script>" }
          - id: retitle
            log: { message: "<script>document.title = 'pwned'</script>" }
          - id: sweep
            for_each: ${{ vars.items }}
            concurrency: 20
            delete-index: { index: "ix${{ item }}", missing_ok: "${{ item % 7 != 0 }}" }

        """

    /// Twelve elements, one at a time, each pausing: long enough to watch the page grow.
    static let live = """
        name: live
        steps:
          - id: tick
            for_each: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
            sleep: { duration: 400ms }

        """

    @Test func theRunPageOfA200ElementRunShowsEveryBarWithItsStatusAndMarkupAsText() async throws {
        let chromium = try Chromium.find()
        let fixture = try await ServeFixture(files: ["sweep.yaml": Self.sweep])
        #expect(try await fixture.run("sweep.yaml") == .failed, "\(fixture.reports.all)")
        let server = try await fixture.serve()
        let runID = try #require(try await fixture.reader().store.runs().first).id
        let url = "http://127.0.0.1:\(server.port)/runs/\(runID)"
        let served = try await fetch(server, "/runs/\(runID)").body
        let dom = try await chromium.dumpDOM(url, virtualTimeMs: 3000)

        let bars = try RunPageDOM.elementBars(dom, step: "sweep")
        #expect(bars.map(\.index) == Array(0..<200))
        let expected = (0..<200).map { $0 % 7 == 0 ? "failed" : "succeeded" }
        #expect(bars.map(\.status) == expected)
        #expect(bars.filter { $0.status == "failed" }.count == 29)
        // No element was retried, so no bar has a retry segment: a failed one is all in the failed colour.
        #expect(!dom.contains(#"class="retry""#))
        // The markup is text in the page, never an element, and the script in it did not run.
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!dom.contains("<script>alert(1)</script>"))
        #expect(!dom.contains("<script>document.title"))
        let title = try #require(RunPageDOM.title(dom))
        #expect(title == RunPageDOM.title(served))
        #expect(!title.contains("pwned"))

        let output = fixture.folder.appendingPathComponent("screenshots", isDirectory: true)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let screenshot = output.appendingPathComponent("run-page.png").path
        try await chromium.screenshot(url, to: screenshot, width: 1280, height: 1400)
        let png = try #require(FileManager.default.contents(atPath: screenshot))
        #expect(png.count > 10_000, "a run page's screenshot of \(png.count) bytes is blank")
        if let keep = ProcessInfo.processInfo.environment["HAVENFLOW_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: screenshot, toPath: keep)
        }
        await server.stop()
        await fixture.close()
    }

    @Test func thePageOfARunningRunGrowsLiveFromItsEvents() async throws {
        let chromium = try Chromium.find()
        let fixture = try await ServeFixture(files: ["live.yaml": Self.live])
        let server = try await fixture.serve()
        let store = try fixture.reader().store
        let run = Task { try await fixture.run("live.yaml") }
        // Wait (bounded) until the run is recorded with its first element started.
        var runID: String?
        for _ in 0..<1200 where runID == nil {
            if let summary = try await store.runs().first, summary.status == .running,
                try await !store.elements(runID: summary.id, step: "tick").isEmpty
            {
                runID = summary.id
            } else {
                try await Task.sleep(for: .milliseconds(25))
            }
        }
        let id = try #require(runID, "the live run did not start")
        let first = try await fetch(server, "/runs/\(id)").body
        let before = try RunPageDOM.elementBars(first, step: "tick")
        #expect(before.count < 12, "the run had ended before the page was loaded")

        let dom = try await chromium.dumpDOM("http://127.0.0.1:\(server.port)/runs/\(id)", virtualTimeMs: 20_000)
        #expect(try await run.value == .succeeded)
        let after = try RunPageDOM.elementBars(dom, step: "tick")
        #expect(after.count > before.count)
        #expect(after.map(\.index) == Array(0..<12))
        #expect(after.allSatisfy { $0.status == "succeeded" })
        // Only the script writes "ended" (the server renders "live" for a running run).
        #expect(dom.contains(#"<span class="live" id="live">ended</span>"#))
        await server.stop()
        await fixture.close()
    }
}

/// What the tests read from a run page's HTML or DOM.
enum RunPageDOM {
    struct ElementBar: Equatable {
        var index: Int
        var status: String
    }

    /// The element bars of `step`, by index.
    static func elementBars(_ html: String, step: String) throws -> [ElementBar] {
        let pattern = try Regex(#"<g class="bar element" data-step="([^"]*)" data-index="([0-9]+)" data-status="([a-z]+)""#)
        return html.matches(of: pattern).compactMap { match -> ElementBar? in
            guard match.output[1].substring.map(String.init) == step,
                let index = match.output[2].substring.flatMap({ Int($0) }),
                let status = match.output[3].substring.map(String.init)
            else { return nil }
            return ElementBar(index: index, status: status)
        }.sorted { $0.index < $1.index }
    }

    /// The text of the page's `<title>`.
    static func title(_ html: String) -> String? {
        guard let start = html.range(of: "<title>"), let end = html.range(of: "</title>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }
}
