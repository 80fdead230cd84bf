import FlowCore
import FlowYAML
import Foundation
import JSONValue

/// 10,000 `log` steps, run log written to a temporary directory: the engine's overhead per step.
enum EngineStepsBenchmark: Benchmark {
    static let name = "engine-steps"
    static let summary = "10,000 log steps with the run log: engine overhead per step"

    static let steps = 10_000

    static func run() async throws -> [Figure] {
        let message: TemplateValue =
            if let template = try Template.parse("step of ${{ run.name }}", at: Mark(line: 1, column: 1), quoted: true)
            {
                .template(template)
            } else {
                .literal("step")
            }
        let flow = Workflow(
            name: "bench", file: "bench.yaml",
            steps: (0..<steps).map {
                Step(id: "s\($0)", key: "s\($0)", action: "log", inputs: [(name: "message", value: message)])
            })
        let (seconds, cpuSeconds, lines) = try await timedRun(flow, registry: ActionRegistry(CoreActions.all))
        return [
            Figure("run", seconds * 1000, "ms", .atMost, 1000),
            Figure("per step", seconds / Double(steps) * 1_000_000, "µs", .atMost, 100),
            Figure("CPU per step", cpuSeconds / Double(steps) * 1_000_000, "µs", .atMost, 100),
            Figure("log lines", Double(lines), "lines"),
            Figure("peak memory", peakMemoryBytes() / 1_000_000, "MB"),
        ]
    }
}

/// `for_each` over 10,000 elements of a no-op action at concurrency 64, run log included.
enum EngineForEachBenchmark: Benchmark {
    static let name = "engine-foreach"
    static let summary = "for_each over 10,000 elements of a no-op action at concurrency 64; peak memory"

    static let elements = 10_000

    struct NoOp: Action {
        var declaration: ActionDeclaration { ActionDeclaration(name: "noop", summary: "Nothing.", changesState: false) }
        func run(_ input: JSON, context: ActionContext) async throws -> JSON { ["index": input["value"] ?? .null] }
    }

    /// One `for_each` step of `noop` over `elements` numbers at concurrency 64, each element's input `${{ item }}`
    /// (also used by the recording benchmark).
    static func workflow() throws -> Workflow {
        let items = JSON.array((0..<elements).map { .number(Double($0)) })
        let item: TemplateValue =
            if let template = try Template.parse("${{ item }}", at: Mark(line: 1, column: 1), quoted: true) {
                .template(template)
            } else {
                .literal(nil)
            }
        return Workflow(
            name: "bench", file: "bench.yaml",
            steps: [
                Step(
                    id: "each", key: "each", action: "noop", inputs: [(name: "value", value: item)],
                    forEach: ForEach(items: .literal(items), concurrency: 64))
            ])
    }

    static func run() async throws -> [Figure] {
        let flow = try workflow()
        let (seconds, cpuSeconds, _) = try await timedRun(flow, registry: ActionRegistry([NoOp()]))
        return [
            Figure("run", seconds * 1000, "ms", .atMost, 1000),
            Figure("CPU", cpuSeconds * 1000, "ms", .atMost, 1000),
            Figure("per element", seconds / Double(elements) * 1_000_000, "µs"),
            Figure("peak memory", peakMemoryBytes() / 1_000_000, "MB", .atMost, 150),
        ]
    }
}

/// Runs `flow` with its run log in a temporary directory: wall seconds, CPU seconds, log lines.
private func timedRun(_ flow: Workflow, registry: ActionRegistry) async throws -> (Double, Double, Int) {
    let directory = NSTemporaryDirectory() + "havenflow-bench-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let runID = RunID.make()
    let log = try RunLog(stateDirectory: directory, runID: runID)
    let engine = Engine(registry: registry, observers: [log])
    var outcome: RunOutcome?
    let cpu = CPUTime.ofThisProcess()
    let seconds = await measure {
        outcome = await engine.run(flow, inputs: [:], runID: runID)
        log.close()
    }
    let cpuSeconds = CPUTime.ofThisProcess() - cpu
    guard outcome?.status == .succeeded else { throw EngineBenchmarkFailure(status: outcome?.status) }
    let lines = try Data(contentsOf: URL(fileURLWithPath: log.path)).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    return (seconds, cpuSeconds, lines)
}

struct EngineBenchmarkFailure: Error, CustomStringConvertible {
    var status: RunStatus?
    var description: String { "the benchmark run ended \(status?.rawValue ?? "without an outcome")" }
}
