import AsyncHTTPClient
import Foundation
import HavenClient
import HavenSandbox
import JSONValue

/// HavenClient throughput: 20,000 `connectorstatus` calls from 32 concurrent tasks (req/s, p50, p99), then
/// `wrk` with 32 connections against the same URL; the client should reach at least 80% of wrk's rate.
/// Measured twice: against a sandbox in this process (client and server share the cores' time with
/// each other, wrk does not), and against `havenflow sandbox` in a child process — the same process tree,
/// where client and wrk are on equal terms; the target applies to the second.
enum ClientBenchmark: Benchmark {
    static let name = "client"
    static let summary = "HavenClient: 20,000 connectorstatus calls at concurrency 32 vs wrk on the same URL"

    static let calls = 20_000
    static let concurrency = 32

    static func run() async throws -> [Figure] {
        let sandbox = try await HavenSandbox.start(SandboxConfiguration(jobDelay: .milliseconds(1)))
        var figures = try await measureAgainst(sandbox.endpoint, label: "in-process", target: nil, sandboxCPU: nil)
        await sandbox.stop()
        let child = try SandboxProcess.start()
        defer { child.stop() }
        try await child.waitUntilReady()
        figures += try await measureAgainst(
            child.endpoint, label: "child process", target: 0.8, sandboxCPU: { child.cpuSeconds })
        return figures
    }

    /// The client's figures, then wrk's, against `endpoint`. CPU time is reported per request: this
    /// process's (the client's alone when `sandboxCPU` reads a sandbox in another process, which is then
    /// reported too) and wrk's.
    static func measureAgainst(
        _ endpoint: String, label: String, target: Double?, sandboxCPU: (() -> Double?)?
    ) async throws -> [Figure] {
        let client = HavenClient(
            endpoint: endpoint, apiKey: "sandbox-key",
            configuration: .init(retry: .none, maxConnections: concurrency))
        _ = try await client.createConnector(
            CreateConnectorRequest(
                name: "bench", flavor: "web_cloud", config: ["url": "http://example.com"],
                destination: ["action": "addtotextindex", "index": "bench"]))
        _ = try await callAll(client, count: 2_000)  // warm-up: connections, caches

        var latencies: [Double] = []
        let processCPU = CPUTime.ofThisProcess(), sandboxCPUBefore = sandboxCPU?()
        let seconds = try await measure { latencies = try await callAll(client, count: calls) }
        let clientCPU = CPUTime.ofThisProcess() - processCPU
        latencies.sort()
        let clientRate = Double(calls) / seconds
        var figures = [
            Figure("\(label): client req/s", clientRate, "req/s"),
            Figure("\(label): client p50", percentile(latencies, 0.50) * 1000, "ms"),
            Figure("\(label): client p99", percentile(latencies, 0.99) * 1000, "ms"),
            Figure(
                sandboxCPU == nil ? "\(label): CPU per call (client + sandbox)" : "\(label): client CPU per call",
                microseconds(clientCPU, per: calls), "µs"),
        ]
        if let before = sandboxCPUBefore, let after = sandboxCPU?() {
            figures.append(Figure("\(label): sandbox CPU per request (client)", microseconds(after - before, per: calls), "µs"))
        }
        let url = "\(endpoint)/1/api/sync/connectorstatus/v1?connector=bench&apikey=sandbox-key"
        let bareRate = try await bareAsyncHTTPClientRate(url)
        figures.append(Figure("\(label): AsyncHTTPClient alone req/s", bareRate, "req/s"))
        let sandboxCPUBeforeWrk = sandboxCPU?()
        if let run = try wrk(url) {
            figures.append(Figure("\(label): wrk req/s", run.rate, "req/s"))
            figures.append(Figure("\(label): wrk CPU per request", microseconds(run.cpuSeconds, per: run.requests), "µs"))
            if let before = sandboxCPUBeforeWrk, let after = sandboxCPU?() {
                figures.append(
                    Figure("\(label): sandbox CPU per request (wrk)", microseconds(after - before, per: run.requests), "µs"))
            }
            figures.append(Figure("\(label): AsyncHTTPClient alone/wrk", bareRate / run.rate, "ratio"))
            figures.append(
                target.map { Figure("\(label): client/wrk", clientRate / run.rate, "ratio", .atLeast, $0) }
                    ?? Figure("\(label): client/wrk", clientRate / run.rate, "ratio"))
        } else {
            FileHandle.standardError.write(Data("client: wrk not found (apt-get install wrk); ratio skipped\n".utf8))
        }
        try await client.shutdown()
        return figures
    }

    /// `count` status calls spread over `concurrency` tasks; the latency of each, in seconds.
    static func callAll(_ client: HavenClient, count: Int) async throws -> [Double] {
        try await inWorkers(count) { share in
            var latencies: [Double] = []
            latencies.reserveCapacity(share)
            let clock = ContinuousClock()
            for _ in 0..<share {
                let elapsed = try await clock.measure { _ = try await client.connectorStatus("bench") }
                latencies.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
            }
            return latencies
        }.flatMap { $0 }
    }

    /// `work` in `concurrency` tasks at once, each given its share of `count`; their results.
    static func inWorkers<T: Sendable>(
        _ count: Int, _ work: @escaping @Sendable (_ share: Int) async throws -> T
    ) async throws -> [T] {
        try await withThrowingTaskGroup(of: T.self) { group in
            for worker in 0..<concurrency {
                let share = count / concurrency + (worker < count % concurrency ? 1 : 0)
                group.addTask { try await work(share) }
            }
            var results: [T] = []
            for try await result in group { results.append(result) }
            return results
        }
    }

    /// The ceiling of any client built on AsyncHTTPClient: the same number of GETs of `url` (what wrk
    /// sends), from the same number of tasks, made with AsyncHTTPClient directly — no HavenClient, no JSON.
    static func bareAsyncHTTPClientRate(_ url: String) async throws -> Double {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
        configuration.tracing.tracer = nil
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        func get(_ count: Int) async throws {
            _ = try await inWorkers(count) { share in
                for _ in 0..<share {
                    let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 1 << 20)
                }
            }
        }
        do {
            try await get(2_000)  // warm-up
            let seconds = try await measure { try await get(calls) }
            try await http.shutdown()
            return Double(calls) / seconds
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// `seconds` of CPU time shared by `count` requests, in microseconds each.
    static func microseconds(_ seconds: Double, per count: Int) -> Double {
        seconds / Double(max(count, 1)) * 1e6
    }

    /// What one wrk run did: its Requests/sec, the requests it completed and the CPU time it used.
    struct WrkRun {
        var rate: Double
        var requests: Int
        var cpuSeconds: Double
    }

    /// `wrk -c32 -t2 -d5s --latency URL`, or nil when wrk is not installed.
    static func wrk(_ url: String) throws -> WrkRun? {
        guard let path = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile)
        else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-c\(concurrency)", "-t2", "-d5s", "--latency", url]
        let pipe = Pipe()
        process.standardOutput = pipe
        let childrenCPU = CPUTime.ofWaitedChildren()
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let cpuSeconds = CPUTime.ofWaitedChildren() - childrenCPU
        let lines = output.split(separator: "\n")
        // "Requests/sec:  37865.12" and "  189400 requests in 5.00s, 23.1MB read"
        guard let rateLine = lines.first(where: { $0.hasPrefix("Requests/sec:") }),
            let rate = Double(rateLine.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces)),
            let countLine = lines.first(where: { $0.contains(" requests in ") }),
            let requests = countLine.split(separator: " ").first.flatMap({ Int($0) })
        else { return nil }
        return WrkRun(rate: rate, requests: requests, cpuSeconds: cpuSeconds)
    }
}
