import Foundation
import Testing

/// Every example under workflows/ plans with exit 0 on a fresh sandbox (`plan FILE --sandbox`, a new
/// state directory each); the examples that work on existing connectors get them from their seed file.
@Suite(.timeLimit(.minutes(3))) struct ExamplePlanTests {
    static let seeds = [
        "migrate-web-connectors.yaml": "workflows/seeds/legacy-connectors.json",
        "start-with-recovery.yaml": "workflows/seeds/nightly-web.json",
    ]

    @Test func everyExamplePlansWithExitZero() async throws {
        let repository = ExampleWorkflowTests.repository
        let names = try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("workflows").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 5)
        for name in names {
            let folder = try HavenflowProcess.folder(with: [:])
            var arguments = ["plan", repository.appendingPathComponent("workflows/\(name)").path, "--sandbox"]
            if let seed = Self.seeds[name] { arguments += ["--seed-file", repository.appendingPathComponent(seed).path] }
            let output = try await HavenflowProcess.run(
                arguments + ["--state-dir", "state"], environment: ["NO_COLOR": "1"], in: folder)
            #expect(output.status == 0, "\(name)\n\(output.stdout)\n\(output.stderr)")
            #expect(output.stdout.contains("; nothing was changed"), "\(name)")
        }
    }
}
