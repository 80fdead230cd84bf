import AsyncHTTPClient
import FlowCore
import FlowRuntime
import FlowServe
import Foundation
import HavenActions
import TestWebhook
import Hummingbird

/// A temporary folder with workflow files and a state directory, a runtime with the Haven pack (runs use
/// the embedded sandbox), and `/metrics` served over loopback from a collector on the folder's store.
struct MetricsFixture {
    let folder: URL
    let state: StateDirectory

    init(files: [String: String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowserve-metrics-\(UUID().uuidString)")
        state = StateDirectory(option: folder.appendingPathComponent("state").path)
        for (name, text) in files {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try state.create()
    }

    /// Runs `file` to its end, as `havenflow run FILE --sandbox` does.
    @discardableResult
    func run(_ file: String) async throws -> RunStatus {
        try await runtime.run(request(file))
    }

    /// Resumes `runID` to its end.
    func resume(_ runID: String, file: String) async throws -> RunStatus {
        try await runtime.resume(ResumeRequest(runID: runID, execution: request(file)))
    }

    /// Serves `/metrics` of a collector on the fixture's store while `body` runs; `body` scrapes with the
    /// function it is given.
    func withMetrics<T>(
        triggers: @escaping @Sendable () async -> [TriggerID] = { [] },
        _ body: (_ store: any StateStore, _ scrape: @Sendable () async throws -> MetricsExposition) async throws -> T
    ) async throws -> T {
        let store = try state.openStore()
        let state = state
        let collector = MetricsCollector(store: store, runLog: { state.runLogPath($0) }, triggers: triggers)
        let router = Router()
        router.addMetricsRoute(collector)
        return try await withLoopbackServer(router) { base in
            try await body(store) { try await Self.scrape("\(base)/metrics") }
        }
    }

    /// GETs `url`, which must answer 200 with the Prometheus text content type.
    static func scrape(_ url: String) async throws -> MetricsExposition {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 24)
        let text = String(buffer: body)
        guard response.status == .ok,
            response.headers.first(name: "content-type") == "text/plain; version=0.0.4; charset=utf-8"
        else { throw ScrapeFailed(status: Int(response.status.code), body: text) }
        return MetricsExposition(text)
    }

    struct ScrapeFailed: Error, CustomStringConvertible {
        var status: Int
        var body: String
        var description: String { "GET /metrics answered \(status): \(body)" }
    }

    private var runtime: Runtime {
        Runtime(packs: [HavenPack()], environment: [:], report: { _ in })
    }

    private func request(_ file: String) -> RunRequest {
        RunRequest(
            file: folder.appendingPathComponent(file).path, stateDirectory: state.path, target: .sandbox,
            output: .jsonLines)
    }
}
