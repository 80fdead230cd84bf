import Foundation

// `havenflow-bench NAME…` runs the named benchmarks (each in this process: run one per process when
// peak memory matters); `havenflow-bench` alone lists them. `Benchmarks/run` runs them all.
let benchmarks: [any Benchmark.Type] = [
    CLIBenchmark.self,
    ClientBenchmark.self,
    CronBenchmark.self,
    EngineForEachBenchmark.self,
    EngineStepsBenchmark.self,
    PluginBenchmark.self,
    RecordingBenchmark.self,
    PostgresRecordingBenchmark.self,
    PostgresSchedulerBenchmark.self,
    SandboxBenchmark.self,
    ServeRunPageBenchmark.self,
    ServeRunsListBenchmark.self,
    WorkflowBenchmark.self,
    YAMLBenchmark.self,
]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty {
    for benchmark in benchmarks { print("\(benchmark.name)\t\(benchmark.summary)") }
    exit(0)
}
for name in arguments {
    guard let benchmark = benchmarks.first(where: { $0.name == name }) else {
        FileHandle.standardError.write(Data("unknown benchmark '\(name)'\n".utf8))
        exit(64)
    }
    let figures = try await benchmark.run()
    BenchmarkReport(benchmark: name, figures: figures).publish()
}
