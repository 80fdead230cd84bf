import AsyncHTTPClient
import FlowCore
import FlowRuntime
import FlowServe
import Foundation
import JSONValue

/// `havenflow serve` with 10,000 runs in the store: the runs list (`GET /`), and `/metrics` (its first
/// scrape reads every run's log once, later ones only what changed).
enum ServeRunsListBenchmark: Benchmark {
    static let name = "serve-runs-list"
    static let summary = "GET / with 10,000 runs in the store (and /metrics, first and later scrapes)"
    static let runs = 10_000

    static func run() async throws -> [Figure] {
        let bench = try ServeBench()
        defer { bench.remove() }
        let flow = try bench.workflow("name: listed\nsteps:\n  - id: prepare\n    noop: {}\n  - id: each\n    for_each: [0, 1, 2]\n    noop: {}\n")
        // Eight runs at a time, each a real engine run recorded in the store and its log.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<8 {
                group.addTask { for _ in stride(from: lane, to: runs, by: 8) { try await bench.record(flow) } }
            }
            try await group.waitForAll()
        }
        let server = try await bench.serve()
        let list = try await ServeBench.time(server, "/", rounds: 30)
        let firstScrape = try await ServeBench.time(server, "/metrics", rounds: 1, warmUp: 0)
        let laterScrapes = try await ServeBench.time(server, "/metrics", rounds: 10)
        await server.stop()
        guard list.body.contains("page=2"), firstScrape.body.contains("havenflow_runs{") else {
            throw BenchmarkFailure("the runs list or the metrics did not show the 10,000 runs")
        }
        return [
            Figure("GET / median", list.median * 1000, "ms", .atMost, 100),
            Figure("GET / first (cold)", list.first * 1000, "ms"),
            Figure("GET / slowest of 30", list.slowest * 1000, "ms"),
            Figure("GET / CPU per request", list.cpuPerRequest * 1000, "ms"),
            Figure("GET / size", Double(list.body.utf8.count) / 1024, "KiB"),
            Figure("first /metrics scrape", firstScrape.median * 1000, "ms"),
            Figure("first /metrics scrape CPU", firstScrape.cpuPerRequest * 1000, "ms"),
            Figure("later /metrics median", laterScrapes.median * 1000, "ms"),
        ]
    }
}

/// `havenflow serve`: the run page of a 10,000-element run.
enum ServeRunPageBenchmark: Benchmark {
    static let name = "serve-run-page"
    static let summary = "GET /runs/RUN_ID of a 10,000-element for_each run: time and size"

    static func run() async throws -> [Figure] {
        let bench = try ServeBench()
        defer { bench.remove() }
        let flow = try EngineForEachBenchmark.workflow()
        let runID = try await bench.record(flow)
        let server = try await bench.serve()
        let page = try await ServeBench.time(server, "/runs/\(runID)", rounds: 15)
        await server.stop()
        let bars = page.body.components(separatedBy: "<g class=\"bar element\"").count - 1
        guard bars == EngineForEachBenchmark.elements else {
            throw BenchmarkFailure("the run page has \(bars) element bars, not \(EngineForEachBenchmark.elements)")
        }
        return [
            Figure("GET median", page.median * 1000, "ms", .atMost, 300),
            Figure("GET first (cold)", page.first * 1000, "ms"),
            Figure("GET slowest of 15", page.slowest * 1000, "ms"),
            Figure("GET CPU per request", page.cpuPerRequest * 1000, "ms"),
            Figure("page size", Double(page.body.utf8.count) / 1_000_000, "MB", .atMost, 2),
        ]
    }
}

/// A state directory in a temporary folder, runs recorded in it by the engine (store and run log, as
/// `havenflow run` records them), and `havenflow serve` on a free loopback port reading it.
struct ServeBench: Sendable {
    /// Timings of repeated GETs of one path, and the last answer's body.
    struct Timed {
        /// The first GET, unmeasured in the median (the server's caches are cold).
        var first: Double
        var median: Double
        var slowest: Double
        /// CPU seconds of this process (server and client) per measured GET: what the machine's load does
        /// not inflate.
        var cpuPerRequest: Double
        var body: String
    }

    let state: StateDirectory
    let store: SQLiteStateStore
    let registry = ActionRegistry([EngineForEachBenchmark.NoOp()])

    init() throws {
        state = StateDirectory(option: NSTemporaryDirectory() + "havenflow-bench-serve-\(UUID().uuidString)")
        try state.create()
        store = try SQLiteStateStore(directory: state.path)
    }

    func remove() { try? FileManager.default.removeItem(atPath: state.path) }

    func workflow(_ text: String) throws -> Workflow {
        guard let flow = WorkflowLoader(registry: registry).load(text: text, file: "bench.yaml").workflow else {
            throw BenchmarkFailure("the benchmark workflow did not load")
        }
        return flow
    }

    /// Runs `flow` to its end, recorded in the store and its run log; its run id.
    @discardableResult
    func record(_ flow: Workflow) async throws -> String {
        let runID = RunID.make()
        try await store.register(RunRegistration(id: runID, workflow: flow, contents: Array("bench".utf8)))
        let log = try RunLog(stateDirectory: state.path, runID: runID)
        let outcome = await Engine(registry: registry, observers: [store, log]).run(flow, inputs: [:], runID: runID)
        log.close()
        guard outcome.status == .succeeded else { throw BenchmarkFailure("a benchmark run ended \(outcome.status)") }
        return runID
    }

    func serve() async throws -> ServeServer {
        let reader = RunReader(
            state: state, store: store, runtime: Runtime(packs: [], environment: [:], report: { _ in }),
            workflowPaths: [])
        return try await ServeServer.start(ServeConfiguration(port: 0), reader: reader)
    }

    /// GETs `path` `rounds` times after `warmUp` unmeasured ones; each must answer 200.
    static func time(_ server: ServeServer, _ path: String, rounds: Int, warmUp: Int = 2) async throws -> Timed {
        var seconds: [Double] = []
        var body = ""
        var cpu = 0.0
        var first: Double?
        for round in -warmUp..<rounds {
            let cpuBefore = CPUTime.ofThisProcess()
            var text = ""
            let elapsed = try await measure {
                let response = try await HTTPClient.shared.execute(
                    HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path)"), timeout: .seconds(60))
                text = String(buffer: try await response.body.collect(upTo: 64 << 20))
                guard response.status == .ok else {
                    throw BenchmarkFailure("GET \(path) answered \(response.status.code): \(text.prefix(300))")
                }
            }
            first = first ?? elapsed
            if round >= 0 {
                seconds.append(elapsed)
                cpu += CPUTime.ofThisProcess() - cpuBefore
            }
            body = text
        }
        let sorted = seconds.sorted()
        return Timed(
            first: first ?? 0, median: percentile(sorted, 0.5), slowest: sorted.last ?? 0, cpuPerRequest: cpu / Double(rounds), body: body)
    }
}
