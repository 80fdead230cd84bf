import FlowCore
import Foundation
import HavenActions
import HavenSandbox
import JSONValue
import Testing

/// Runs the example of `docs/extending.md` (ExtendingExample.swift, which the page holds verbatim)
/// against a Haven sandbox on a loopback port.
@Suite("Embedding example", .timeLimit(.minutes(1)))
struct EmbeddingTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let yaml = """
        inputs:
          index: { type: string }
        steps:
          - id: count
            word-count: { text: "the quick brown fox", minimum: 2 }
          - create-index: { index: "${{ inputs.index }}" }
          - log: { message: "${{ steps.count.outputs.words }} words" }
        """

    @Test func theExampleRunsAWorkflowWithItsCustomAction() async throws {
        let sandbox = try await HavenSandbox.start(SandboxConfiguration(jobDelay: .zero))
        let connection = HavenConnection(endpoint: sandbox.endpoint, apiKey: sandbox.apiKey)
        let (outcome, events) = try await runWithWordCount(
            yaml: Self.yaml, inputs: ["index": "docs"], connection: connection)
        try await connection.shutdown()
        await sandbox.stop()

        #expect(outcome.status == .succeeded)
        #expect(outcome.step("count")?.outputs == ["words": 4])
        #expect(sandbox.indexNames() == ["docs"])
        let printed = events.compactMap { event -> String? in
            if case .output(_, _, let message) = event.kind { return message } else { return nil }
        }
        #expect(printed == ["counted 4 words", "4 words"])
        if case .runFinished(let status, _, _, _) = events.last?.kind {
            #expect(status == .succeeded)
        } else {
            Issue.record("the stream did not end with run_finished")
        }
    }

    @Test func theLoaderChecksStepsAgainstTheCustomDeclaration() async throws {
        let yaml = "steps:\n  - word-count: { txt: hi }\n"
        let connection = HavenConnection(endpoint: "http://127.0.0.1:9", apiKey: "unused")
        await #expect(throws: WorkflowInvalid.self) { try await runWithWordCount(yaml: yaml, connection: connection) }
        let registry = ActionRegistry([WordCountAction()])
        let messages = WorkflowLoader(registry: registry).load(text: yaml, file: "embedded.yaml").errors.map(\.description)
        #expect(messages == ["embedded.yaml:2:19: error: unknown input 'txt' of 'word-count'; did you mean 'text'?"])
    }

    @Test func docsExtendingHoldsTheExampleVerbatim() throws {
        let example = try String(
            contentsOf: Self.repository.appendingPathComponent("Tests/EmbeddingTests/ExtendingExample.swift"), encoding: .utf8)
        let page = try String(contentsOf: Self.repository.appendingPathComponent("docs/extending.md"), encoding: .utf8)
        #expect(page.contains("```swift\n" + example + "```\n"))
    }
}
