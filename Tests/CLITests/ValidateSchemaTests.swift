import Foundation
import Testing

/// `havenflow schema` (the real action registry) accepts every example in `workflows/`, checked with
/// Python's `jsonschema` (installed with pip when missing). `plugin-demo.yaml` uses actions from a plugin,
/// which only its own registry knows, so it is left out.
@Suite(.timeLimit(.minutes(1))) struct ValidateSchemaTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func schemaAcceptsTheExampleWorkflows() async throws {
        let schema = try await HavenflowProcess.run(["schema"])
        #expect(schema.status == 0)
        let workflows = Self.repository.appendingPathComponent("workflows")
        let files = try FileManager.default.contentsOfDirectory(atPath: workflows.path)
            .filter { $0.hasSuffix(".yaml") && $0 != "plugin-demo.yaml" }.sorted()
        #expect(!files.isEmpty)
        let folder = try HavenflowProcess.folder(with: ["schema.json": schema.stdout])
        let paths = files.map { workflows.appendingPathComponent($0).path }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.repository.appendingPathComponent("Tests/Scripts/check-schema.py").path,
            folder.appendingPathComponent("schema.json").path,
        ] + paths
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output == paths.map { "ok\t\($0)\t\n" }.joined())
    }
}
