import FlowCore
import Foundation
import HavenActions
import HavenClient
import HavenSandbox
import JSONValue

/// 2,000 `create-connector` then 2,000 `delete-connector` (with confirmation) at concurrency 32 against
/// an in-process sandbox: driven by HavenClient directly from a task group, then by the engine running a
/// `for_each` workflow at the same concurrency. The workflow should keep at least 75% of the direct rate.
enum WorkflowBenchmark: Benchmark {
    static let name = "workflow"
    static let summary = "2,000 creates + 2,000 deletes at concurrency 32: engine workflow vs HavenClient direct"

    static let connectors = 2_000
    static let concurrency = 32

    static let workflowText = """
        version: 1
        name: workflow-bench
        inputs:
          names: { type: list }
        steps:
          - id: create
            for_each: ${{ inputs.names }}
            concurrency: 32
            create-connector:
              connector: "${{ item }}"
              flavor: web_cloud
              config: { url: "http://example.com" }
              destination: { action: addtotextindex, index: bench }
          - id: delete
            for_each: ${{ inputs.names }}
            concurrency: 32
            delete-connector: { connector: "${{ item }}" }
        """

    static func run() async throws -> [Figure] {
        let sandbox = try await HavenSandbox.start(SandboxConfiguration(jobDelay: .milliseconds(1)))
        let configuration = HavenClient.Configuration(maxConnections: concurrency)
        let client = HavenClient(endpoint: sandbox.endpoint, apiKey: sandbox.apiKey, configuration: configuration)
        let connection = HavenConnection(endpoint: sandbox.endpoint, apiKey: sandbox.apiKey, configuration: configuration)
        let registry = StandardActions.registry(connection: connection)
        let loaded = WorkflowLoader(registry: registry).load(text: workflowText, file: "workflow-bench.yaml")
        guard let workflow = loaded.workflow else { throw Failure("the workflow does not load:\n\(loaded.rendered)") }
        let engine = Engine(registry: registry)

        try await direct(client, names: names("warm", 200))
        try await viaEngine(engine, workflow, names: names("warm-engine", 200))

        let directSeconds = try await measure { try await direct(client, names: names("direct", connectors)) }
        let engineSeconds = try await measure { try await viaEngine(engine, workflow, names: names("flow", connectors)) }
        guard sandbox.connectorNames().isEmpty else { throw Failure("connectors left behind") }

        try await connection.shutdown()
        try await client.shutdown()
        await sandbox.stop()
        let calls = Double(connectors * 2)
        let directRate = calls / directSeconds
        let engineRate = calls / engineSeconds
        return [
            Figure("direct ops/s", directRate, "ops/s"),
            Figure("workflow ops/s", engineRate, "ops/s"),
            Figure("workflow/direct", engineRate / directRate, "ratio", .atLeast, 0.75),
        ]
    }

    static func names(_ prefix: String, _ count: Int) -> [String] { (0..<count).map { "\(prefix)-\($0)" } }

    /// Creates then deletes `names` with `concurrency` tasks sharing one client.
    static func direct(_ client: HavenClient, names: [String]) async throws {
        try await forAll(names) { name in
            _ = try await client.createConnector(
                CreateConnectorRequest(
                    name: name, flavor: "web_cloud", config: ["url": "http://example.com"],
                    destination: ["action": "addtotextindex", "index": "bench"]))
        }
        try await forAll(names) { name in _ = try await client.deleteConnector(name) }
    }

    static func forAll(_ names: [String], _ body: @escaping @Sendable (String) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for index in stride(from: worker, to: names.count, by: concurrency) { try await body(names[index]) }
                }
            }
            try await group.waitForAll()
        }
    }

    static func viaEngine(_ engine: Engine, _ workflow: Workflow, names: [String]) async throws {
        let outcome = await engine.run(workflow, inputs: ["names": .array(names.map(JSON.string))])
        guard outcome.status == .succeeded else {
            throw Failure("the workflow run \(outcome.status): \(outcome.error?.message ?? "")")
        }
    }
}

extension WorkflowBenchmark {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
