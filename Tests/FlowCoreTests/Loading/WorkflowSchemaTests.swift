import FlowCore
import Foundation
import JSONValue
import Testing

/// The generated JSON Schema, checked with a real validator (Python's `jsonschema`): it must accept every
/// valid fixture and reject the invalid fixtures a schema can see.
@Suite struct WorkflowSchemaTests {
    static let schemaDetectable = [
        "unknown-top-key", "unknown-step-key", "unknown-input", "input-wrong-boolean", "input-wrong-object",
        "input-wrong-string", "input-wrong-list", "input-not-allowed", "version-2", "version-string", "bad-name",
        "empty-steps", "missing-steps", "step-two-actions", "step-no-action", "unknown-action", "malformed-id",
        "missing-required-input", "concurrency-zero", "concurrency-string", "retry-unknown-key", "retry-backoff-bad",
        "retry-attempts-zero", "on-overlap-bad", "on-unknown-key", "haven-unknown-key", "inputs-bad-type",
        "inputs-unknown-key", "schedule-missing-cron", "bad-duration-timeout", "bad-duration-order",
        "for-each-string", "action-inputs-scalar",
    ]

    @Test func schemaHasTheActionsAndKeys() throws {
        let schema = WorkflowSchema.generate(registry: TestActions.registry)
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        let step = try #require(schema["$defs"]?["step"])
        #expect(step["properties"]?["create"] == ["$ref": "#/$defs/action.create-connector"])
        #expect(step["properties"]?["for_each"] != nil)
        let create = try #require(schema["$defs"]?["action.create-connector"])
        #expect(create["required"] == ["connector", "flavor", "config", "destination"])
        #expect(schema["$defs"]?["action.notify"]?["properties"]?["level"]?["anyOf"]?[0] == ["enum": ["info", "warning", "error"]])
    }

    @Test(.timeLimit(.minutes(1)))
    func realValidatorAgreesWithTheLoader() throws {
        let fixtures = LoaderFixtureTests.fixtures
        // workflows/ is checked against the real registry's schema by CLITests/ValidateSchemaTests.
        let accepted = LoaderFixtureTests.names(in: "valid").map { fixtures.appendingPathComponent("valid/\($0).yaml").path }
        let rejected = Self.schemaDetectable.map { fixtures.appendingPathComponent("invalid/\($0).yaml").path }
        let results = try Self.validate(accepted + rejected, registry: TestActions.registry)
        for path in accepted { #expect(results[path] == "ok", "\(path) should be accepted: \(results[path] ?? "?")") }
        for path in rejected { #expect(results[path] == "invalid", "\(path) should be rejected") }
    }

    /// Runs `jsonschema` over `files`; returns `ok` or `invalid` per path.
    static func validate(_ files: [String], registry: ActionRegistry) throws -> [String: String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("havenflow-schema-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schemaURL = directory.appendingPathComponent("schema.json")
        try WorkflowSchema.generate(registry: registry).rendered(pretty: true).write(to: schemaURL, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.checkSchemaScript, schemaURL.path] + files
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var results: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 2)
            if parts.count >= 2 { results[String(parts[1])] = String(parts[0]) }
        }
        return results
    }

    /// Tests/Scripts/check-schema.py, shared with CLITests' schema test.
    static let checkSchemaScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts/check-schema.py").path
}
