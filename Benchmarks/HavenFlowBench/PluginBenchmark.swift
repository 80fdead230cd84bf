import FlowCore
import FlowYAML
import Foundation
import JSONValue

/// A trivial executable plugin (`/bin/sh` with builtins only): spawn, JSON in and out, per call and at
/// concurrency 8 through the engine's `for_each`.
enum PluginBenchmark: Benchmark {
    static let name = "plugin"
    static let summary = "a trivial executable plugin: overhead per call, and 1,000 calls at concurrency 8"

    static let sequentialCalls = 200
    static let concurrentCalls = 1_000

    static let script = """
        #!/bin/sh
        if [ "$1" = "--describe" ]; then
          echo '{"summary": "Echoes.", "changes_state": false, "inputs": [{"name": "value", "type": "any"}], "outputs": [{"name": "echo", "type": "any"}]}'
          exit 0
        fi
        read -r line
        printf '{"echo": %s}\\n' "$line"

        """

    static func run() async throws -> [Figure] {
        let directory = NSTemporaryDirectory() + "havenflow-bench-plugin-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/actions", withIntermediateDirectories: true)
        try script.write(toFile: directory + "/actions/echo", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory + "/actions/echo")

        let discovery = PluginDiscovery(cache: PluginDeclarationCache())
        var found: [PluginAction] = []
        let describeSeconds = await measure { found = discovery.discover(forWorkflowAt: directory + "/flow.yaml").actions }
        guard let plugin = found.first else { throw PluginBenchmarkFailure("the benchmark plugin was not found") }

        let context = ActionContext(runID: "bench", workflowName: "bench", stepKey: "echo")
        let sequential = try await measure {
            for index in 0..<sequentialCalls {
                let outputs = try await plugin.run(["value": .number(Double(index))], context: context)
                guard outputs["echo"]?["value"] == .number(Double(index)) else {
                    throw PluginBenchmarkFailure("unexpected outputs \(outputs.rendered())")
                }
            }
        }

        let item = try Template.parse("${{ item }}", at: Mark(line: 1, column: 1), quoted: true).map { TemplateValue.template($0) }
        let flow = Workflow(
            name: "bench", file: directory + "/flow.yaml",
            steps: [
                Step(
                    id: "each", key: "each", action: "echo", inputs: [(name: "value", value: item ?? .literal(nil))],
                    forEach: ForEach(items: .literal(.array((0..<concurrentCalls).map { .number(Double($0)) })), concurrency: 8))
            ])
        var status = RunStatus.failed
        let concurrent = await measure {
            status = await Engine(registry: ActionRegistry([plugin])).run(flow, inputs: [:]).status
        }
        guard status == .succeeded else { throw PluginBenchmarkFailure("the concurrent run \(status)") }
        return [
            Figure("describe", describeSeconds * 1000, "ms"),
            Figure("per call", sequential / Double(sequentialCalls) * 1000, "ms", .atMost, 5),
            Figure("1,000 calls at concurrency 8", concurrent, "s", .atMost, 2),
        ]
    }
}

struct PluginBenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
