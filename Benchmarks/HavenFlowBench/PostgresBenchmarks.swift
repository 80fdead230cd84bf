import FlowCore
import FlowRuntime
import Foundation
import PostgresTesting

/// The recording benchmark against a PostgreSQL store: the database `HAVENFLOW_BENCH_STORE` names, else
/// a new one on a throwaway local cluster (`PostgresServer`, as the tests start it). Target: with the
/// store at most 2× without (issue 17).
enum PostgresRecordingBenchmark: Benchmark {
    static let name = "recording-postgres"
    static let summary = "for_each over 10,000 no-op elements, run log only vs run log + PostgreSQL store"

    static func run() async throws -> [Figure] {
        let url = try ProcessInfo.processInfo.environment["HAVENFLOW_BENCH_STORE"] ?? PostgresServer.shared().freshURL()
        let store = try PostgresStateStore(address: PostgresAddress(url: url))
        try await store.connect()
        let directory = NSTemporaryDirectory() + "havenflow-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let figures = try await RecordingBenchmark.figures(store: store, directory: directory, target: 2)
        await store.close()
        return figures
    }
}
