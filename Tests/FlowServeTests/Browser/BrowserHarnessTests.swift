import Foundation
import Hummingbird
import TestWebhook
import Testing

/// The headless-browser harness on a page served by a tiny loopback server: scripts run within the
/// virtual-time budget, screenshots have the asked size, and a missing browser is a failure with a sentence.
@Suite struct BrowserHarnessTests {
    static let page = """
        <!doctype html><html><head><title>before</title></head><body>
        <p id="late">waiting</p>
        <script>setTimeout(() => { document.getElementById("late").textContent = "ran after 1s"; document.title = "after" }, 1000)</script>
        </body></html>
        """

    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("page") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
        return router
    }

    @Test func theDumpedDOMIsTheOneAfterThePageScriptsRan() async throws {
        let chromium = try Chromium.find()
        let dom = try await withLoopbackServer(Self.router()) { base in
            try await chromium.dumpDOM("\(base)/page", virtualTimeMs: 5000)
        }
        #expect(dom.contains(#"<p id="late">ran after 1s</p>"#))
        #expect(dom.contains("<title>after</title>"))
    }

    @Test func aScreenshotIsAPNGOfTheAskedSize() async throws {
        let chromium = try Chromium.find()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("harness-\(UUID().uuidString).png").path
        try await withLoopbackServer(Self.router()) { base in
            try await chromium.screenshot("\(base)/page", to: path, width: 640, height: 360)
        }
        let png = try #require(FileManager.default.contents(atPath: path))
        // IHDR: width and height, big-endian, at bytes 16–23.
        let size = [16, 20].map { offset in png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(size == [640, 360])
    }

    @Test func aMissingBrowserIsAnErrorNamingTheCure() throws {
        let error = #expect(throws: BrowserError.self) { try Chromium.find(environment: ["PATH": "/nonexistent"]) }
        #expect(error?.description.contains("chromium was not found on PATH (/nonexistent)") == true)
        #expect(error?.description.contains("apt-get install -y -qq chromium") == true)
    }
}
