import FlowCore
import FlowRuntime
import Foundation
import JSONValue

/// The engine's 10,000-element `for_each` with and without the state store (each element one committed
/// transaction before the engine goes on), in the same process: recording must stay within 1.5×.
enum RecordingBenchmark: Benchmark {
    static let name = "recording"
    static let summary = "for_each over 10,000 no-op elements, run log only vs run log + state store"

    static let elements = EngineForEachBenchmark.elements

    static func run() async throws -> [Figure] {
        let directory = NSTemporaryDirectory() + "havenflow-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await figures(store: try SQLiteStateStore(directory: directory), directory: directory, target: 1.5)
    }

    /// The figures of `store` (recording into it, the run logs in `directory`), its median ratio held to
    /// at most `target`.
    static func figures(store: some StateStore & SynchronousRunObserver, directory: String, target: Double) async throws
        -> [Figure]
    {
        let list = (0..<elements).map(String.init).joined(separator: ", ")
        let text = "name: bench\nsteps:\n  - id: each\n    for_each: [\(list)]\n    concurrency: 64\n    noop: {}\n"
        let registry = ActionRegistry([EngineForEachBenchmark.NoOp()])
        guard let flow = WorkflowLoader(registry: registry).load(text: text, file: "bench.yaml").workflow else {
            throw RecordingBenchmarkFailure(rows: -1)
        }

        // Warm up both paths once, then run nine rounds of both, back to back, which comes first taking
        // turns. The machine is shared and its speed changes by a third within seconds, so the verdict is
        // on the median of the rounds' ratios (each compares two runs made a moment apart); the ratio of
        // each arm's best run is printed too.
        var plain = Timing(wall: .infinity, cpu: .infinity)
        var recorded = plain
        var ratios: [Double] = []
        var cpuRatios: [Double] = []
        for round in 0..<10 {
            let storeFirst = !round.isMultiple(of: 2)
            let first = try await time(flow, store: storeFirst ? store : Optional<any StateStore>.none, directory: directory)
            let second = try await time(flow, store: storeFirst ? Optional<any StateStore>.none : store, directory: directory)
            let (with, without) = storeFirst ? (first, second) : (second, first)
            if round > 0 {
                plain = plain.best(without)
                recorded = recorded.best(with)
                ratios.append(with.wall / without.wall)
                cpuRatios.append(with.cpu / without.cpu)
            }
        }
        let last = try await store.runs(workflow: nil, limit: 1).first
        let rows = if let last { try await store.elements(runID: last.id, step: "each").count } else { 0 }
        guard rows == elements else { throw RecordingBenchmarkFailure(rows: rows) }
        let alone = try await storeAlone(store, flow: flow)
        return [
            Figure("without store", plain.wall * 1000, "ms"),
            Figure("with store", recorded.wall * 1000, "ms"),
            Figure("ratio (median of 9 rounds)", percentile(ratios.sorted(), 0.5), "×", .atMost, target),
            Figure("ratio of the bests", recorded.wall / plain.wall, "×"),
            Figure("lowest round's ratio", ratios.min() ?? 0, "×"),
            Figure("highest round's ratio", ratios.max() ?? 0, "×"),
            Figure("per element", (recorded.wall - plain.wall) / Double(elements) * 1_000_000, "µs"),
            Figure("CPU without store", plain.cpu * 1000, "ms"),
            Figure("CPU with store", recorded.cpu * 1000, "ms"),
            Figure("CPU ratio (median of 9 rounds)", percentile(cpuRatios.sorted(), 0.5), "×"),
            Figure("store alone, CPU per element", alone.cpu / Double(elements) * 1_000_000, "µs"),
        ]
    }

    /// The store's own cost: 64 tasks recording `elements` element events and nothing else (best of three).
    private static func storeAlone(_ store: some StateStore & SynchronousRunObserver, flow: Workflow) async throws -> Timing {
        var best = Timing(wall: .infinity, cpu: .infinity)
        for _ in 0..<3 {
            let runID = RunID.make()
            try await store.register(RunRegistration(id: runID, workflow: flow, contents: Array("bench".utf8)))
            let cpu = CPUTime.ofThisProcess()
            let seconds = await measure {
                await withTaskGroup(of: Void.self) { group in
                    for slot in 0..<64 {
                        group.addTask {
                            for index in stride(from: slot, to: elements, by: 64) {
                                let item = RunEvent.ItemResult(
                                    step: "each", index: index, status: .succeeded, outputs: ["index": .number(Double(index))])
                                await store.recordDurably(RunEvent(runID: runID, kind: .itemFinished(item)))
                            }
                        }
                    }
                }
            }
            best = best.best(Timing(wall: seconds, cpu: CPUTime.ofThisProcess() - cpu))
        }
        return best
    }

    /// One run's wall-clock and CPU seconds.
    struct Timing {
        var wall: Double
        var cpu: Double

        func best(_ other: Timing) -> Timing { Timing(wall: min(wall, other.wall), cpu: min(cpu, other.cpu)) }
    }

    private static func time(_ flow: Workflow, store: (any StateStore)?, directory: String) async throws -> Timing {
        let runID = RunID.make()
        let log = try RunLog(stateDirectory: directory, runID: runID)
        if let store {
            try await store.register(RunRegistration(id: runID, workflow: flow, contents: Array("bench".utf8)))
        }
        var observers: [any RunObserver] = [log]
        if let store { observers.insert(store, at: 0) }
        let engine = Engine(registry: ActionRegistry([EngineForEachBenchmark.NoOp()]), observers: observers)
        var outcome: RunOutcome?
        let cpu = CPUTime.ofThisProcess()
        let seconds = await measure {
            outcome = await engine.run(flow, inputs: [:], runID: runID)
            log.close()
        }
        guard outcome?.status == .succeeded else { throw EngineBenchmarkFailure(status: outcome?.status) }
        return Timing(wall: seconds, cpu: CPUTime.ofThisProcess() - cpu)
    }
}

struct RecordingBenchmarkFailure: Error, CustomStringConvertible {
    var rows: Int
    var description: String {
        rows < 0 ? "the benchmark workflow did not load" : "the store recorded \(rows) elements, not \(EngineForEachBenchmark.elements)"
    }
}
