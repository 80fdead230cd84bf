import FlowCore
import Foundation
import HavenActions
import HavenClient
import HavenSandbox
import JSONValue
import Testing

/// What a workflow run against a sandbox left: the outcome and the sandbox's audit lines.
struct SandboxRun {
    var outcome: RunOutcome
    var audit: [JSON]
    var connectors: [String]

    /// The resources of the audit lines with this outcome (`created`, `deleted`, …), in order.
    func audited(_ outcome: String) -> [String] {
        audit.filter { $0["outcome"] == .string(outcome) }.compactMap { $0["resource"]?.stringValue }
    }
}

/// Runs `text` with the engine and the standard actions against a sandbox started with `faults` (an audit
/// file added). Without `clientRetries` the client sends each request once, so every fault reaches the step.
func runAgainstSandbox(
    _ text: String, faults: String, seed: UInt64 = 5, clientRetries: Bool = true
) async throws -> SandboxRun {
    let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl")
    defer { try? FileManager.default.removeItem(at: audit) }
    let configuration = SandboxConfiguration(
        jobDelay: .milliseconds(1), seed: seed, faults: try FaultPlan(parsing: faults), auditFile: audit.path)
    let sandbox = try await HavenSandbox.start(configuration)
    let connection = HavenConnection(
        endpoint: sandbox.endpoint, apiKey: sandbox.apiKey,
        configuration: clientRetries ? HavenClient.Configuration() : HavenClient.Configuration(retry: .none))
    let registry = StandardActions.registry(connection: connection)
    let loaded = WorkflowLoader(registry: registry).load(text: text, file: "test.yaml")
    guard let workflow = loaded.workflow else {
        try await connection.shutdown()
        await sandbox.stop()
        throw ActionFailure("the test workflow is invalid: \(loaded.rendered)")
    }
    let outcome = await Engine(registry: registry).run(workflow, inputs: [:])
    try await connection.shutdown()
    let connectors = sandbox.connectorNames()
    await sandbox.stop()
    let text = (try? String(contentsOf: audit, encoding: .utf8)) ?? ""
    let lines = try text.split(separator: "\n").map { try JSON(parsing: String($0)) }
    return SandboxRun(outcome: outcome, audit: lines, connectors: connectors)
}

/// The YAML of a step (an entry of `steps:`) creating a web connector for each of `vars.names`, four at a
/// time, with `inputs` added to the action's inputs (e.g. `async: true`).
func createEachStep(_ id: String, inputs: [String] = []) -> String {
    let lines = [
        "  - id: \(id)", "    for_each: ${{ vars.names }}", "    concurrency: 4", "    create-connector:",
        #"      connector: "${{ item }}""#, "      flavor: web_cloud",
        #"      config: { url: "http://example.com/${{ item }}" }"#,
        "      destination: { action: addtotextindex, index: docs }",
    ]
    return (lines + inputs.map { "      \($0)" }).joined(separator: "\n")
}
