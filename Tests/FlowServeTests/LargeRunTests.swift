import FlowServe
import Foundation
import JSONValue
import Testing

/// The run page of a 10,000-element run has a bar for every element, in collapsible groups, under 2 MB.
@Suite("Serve large run", .timeLimit(.minutes(3)))
struct LargeRunTests {
    @Test func theRunPageOfTenThousandElementsHasEveryElement() async throws {
        let count = 10_000
        let fixture = try await ServeFixture(files: ["large.yaml": Workflows.large(count)])
        #expect(try await fixture.run("large.yaml") == .succeeded)
        let server = try await fixture.serve()
        let runID = try #require(try JSON(parsing: try await fetch(server, "/api/runs").body)["runs"]?[0]?["id"]?.stringValue)
        let page = try await fetch(server, "/runs/\(runID)")
        #expect(page.status == 200)
        #expect(page.body.utf8.count < 2_000_000, "the page is \(page.body.utf8.count) bytes")
        let bars = page.body.components(separatedBy: "<g class=\"bar element\" data-step=\"rebuild\" data-index=\"").dropFirst()
        let indexes = bars.compactMap { Int($0.prefix { $0 != "\"" }) }
        #expect(indexes == Array(0..<count))
        #expect(bars.allSatisfy { $0.contains("data-status=\"succeeded\"><title>rebuild[") })
        #expect(page.body.contains("<title>rebuild[9999] succeeded"))
        // Beside the bars, every tenth element is labelled (every bar has its label in its title).
        let labels = bars.filter { $0.prefix { $0 != "<" && $0 != "\n" }.isEmpty == false && $0.contains("</title><rect") }
            .filter { $0.components(separatedBy: "</g>")[0].contains("<text y=") }
        #expect(labels.count == count / 10)
        // Twenty groups of 500, all closed (none failed), every one in the page.
        #expect(page.body.components(separatedBy: "<details class=\"group\">").count - 1 == count / 500)
        #expect(page.body.contains("<summary>rebuild[9500]–rebuild[9999]</summary>"))
        await server.stop()
        await fixture.close()
    }
}
