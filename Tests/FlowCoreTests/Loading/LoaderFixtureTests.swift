import FlowCore
import Foundation
import Testing

/// The fixture corpus: every `Fixtures/invalid/NAME.yaml` must produce exactly the diagnostics in
/// `NAME.expected` (the `description` lines, the file shown as `NAME.yaml`), and every
/// `Fixtures/valid/*.yaml` must load without any diagnostic.
///
/// `HAVENFLOW_RECORD_FIXTURES=1 swift test --filter LoaderFixtureTests` rewrites the `.expected` files
/// in the source tree; review the diff before committing.
@Suite struct LoaderFixtureTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    static let sourceFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func names(in folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func load(_ folder: String, _ name: String) throws -> LoadResult {
        let text = try String(contentsOf: fixtures.appendingPathComponent("\(folder)/\(name).yaml"), encoding: .utf8)
        return WorkflowLoader(registry: TestActions.registry).load(text: text, file: "\(name).yaml")
    }

    @Test func corpusIsLargeEnough() {
        #expect(Self.names(in: "invalid").count >= 60)
        #expect(Self.names(in: "valid").count >= 3)
    }

    @Test(arguments: names(in: "invalid"))
    func invalidFixture(_ name: String) throws {
        let result = try Self.load("invalid", name)
        let actual = result.diagnostics.map(\.description).joined(separator: "\n")
        if ProcessInfo.processInfo.environment["HAVENFLOW_RECORD_FIXTURES"] == "1" {
            let target = Self.sourceFixtures.appendingPathComponent("invalid/\(name).expected")
            try (actual + "\n").write(to: target, atomically: true, encoding: .utf8)
        }
        let expectedURL = Self.fixtures.appendingPathComponent("invalid/\(name).expected")
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected.trimmingCharacters(in: .newlines))
        #expect(result.workflow == nil)
        #expect(!result.errors.isEmpty)
    }

    @Test(arguments: names(in: "valid"))
    func validFixture(_ name: String) throws {
        let result = try Self.load("valid", name)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.workflow != nil)
    }
}
