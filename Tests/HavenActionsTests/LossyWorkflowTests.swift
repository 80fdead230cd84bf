import FlowCore
import Foundation
import HavenActions
import HavenSandbox
import JSONValue
import Testing

/// The engine and the actions together against a sandbox that loses answers: a third of all requests are
/// carried out and then answered with a dropped connection. Under `retry:` every create and delete must
/// succeed and take effect exactly once.
@Suite(.timeLimit(.minutes(1))) struct LossyWorkflowTests {
    static let workflow = """
        version: 1
        name: lossy
        vars:
          names: [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11]
        defaults:
          retry: { attempts: 10, delay: 1ms, jitter: false }
        steps:
          - id: create
            for_each: ${{ vars.names }}
            concurrency: 4
            create-connector:
              connector: "${{ item }}"
              flavor: web_cloud
              config: { url: "http://example.com/${{ item }}" }
              destination: { action: addtotextindex, index: docs }
          - id: delete
            for_each: ${{ vars.names }}
            concurrency: 4
            delete-connector: { connector: "${{ item }}" }
        """

    @Test func everyChangeHappensExactlyOnce() async throws {
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: audit) }
        let configuration = SandboxConfiguration(
            jobDelay: .milliseconds(1), seed: 5, faults: try FaultPlan(parsing: "reset@after=0.3"),
            auditFile: audit.path)
        let sandbox = try await HavenSandbox.start(configuration)
        let connection = HavenConnection(endpoint: sandbox.endpoint, apiKey: sandbox.apiKey)
        let registry = StandardActions.registry(connection: connection)
        let loaded = WorkflowLoader(registry: registry).load(text: Self.workflow, file: "lossy.yaml")
        let workflow = try #require(loaded.workflow, "\(loaded.rendered)")
        let outcome = await Engine(registry: registry).run(workflow, inputs: [:])
        try await connection.shutdown()
        await sandbox.stop()

        #expect(outcome.status == .succeeded, "\(outcome.error?.message ?? "")")
        // Some creates were retried after a lost answer (else the test proves nothing).
        let create = try #require(outcome.step("create"))
        #expect(create.attempts > 12)
        let lines = try String(contentsOf: audit, encoding: .utf8).split(separator: "\n").map {
            try JSON(parsing: String($0))
        }
        let created = lines.filter { $0["outcome"] == "created" }.compactMap { $0["resource"]?.stringValue }
        let deleted = lines.filter { $0["outcome"] == "deleted" }.compactMap { $0["resource"]?.stringValue }
        let names = (0..<12).map { "c\($0)" }
        #expect(created.sorted() == names.sorted())
        #expect(deleted.sorted() == names.sorted())
    }
}
