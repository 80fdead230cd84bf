import FlowCore
import FlowCoreTesting
import FlowRuntime
import Foundation
import JSONValue
import PostgresTesting
import Synchronization

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

/// 1,000 workflows due every minute, three schedulers (three "hosts") sharing one PostgreSQL store on a
/// simulated clock that jumps minute to minute: every due time fired once (claims), the wall-clock lag
/// from the minute's start to its last launch (target ≤ 1 s), and, after one scheduler stops, the lag of
/// the two left (failover: there is no lease to wait for, the others claim every due time anyway).
enum PostgresSchedulerBenchmark: Benchmark {
    static let name = "scheduler-postgres"
    static let summary = "1,000 workflows due every minute across 3 schedulers sharing a PostgreSQL store"

    static let workflows = 1_000
    static let minutes = 4

    static func run() async throws -> [Figure] {
        let url = try ProcessInfo.processInfo.environment["HAVENFLOW_BENCH_STORE"] ?? PostgresServer.shared().freshURL()
        let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 + 3600)
        let clock = ManualClock(now: start.addingTimeInterval(-30))
        let launcher = CountingLauncher()
        let scheduled = try (0..<workflows).map { index in
            ScheduledWorkflow(
                name: "w\(index)", file: "w\(index).yaml",
                triggers: Triggers(schedules: [
                    ScheduleTrigger(cron: try CronExpression.parse("* * * * *"), mark: .init(line: 1, column: 1))
                ]))
        }
        var stores: [PostgresStateStore] = []
        var schedulers: [Scheduler] = []
        for host in ["host-a", "host-b", "host-c"] {
            let store = try PostgresStateStore(
                address: PostgresAddress(url: url), process: ProcessIdentity(pid: getpid(), host: host), clock: clock)
            try await store.connect()
            stores.append(store)
            schedulers.append(
                Scheduler(
                    workflows: scheduled, clock: clock, store: store, launcher: launcher,
                    configuration: .init(stopTimeout: .zero)))
        }
        let tasks = schedulers.map { scheduler in Task { try await scheduler.run() } }
        for scheduler in schedulers { await scheduler.waitUntilIdle() }
        var lags: [Double] = []
        var failoverLag = 0.0
        for minute in 0..<minutes {
            if minute == minutes - 1 { await schedulers[0].stop() }
            let running = minute == minutes - 1 ? Array(schedulers.dropFirst()) : schedulers
            launcher.begin()
            clock.advance(to: start.addingTimeInterval(Double(minute) * 60))
            for scheduler in running { await scheduler.waitUntilIdle() }
            let lag = launcher.lastLaunch
            if minute == minutes - 1 { failoverLag = lag } else { lags.append(lag) }
        }
        for scheduler in schedulers { await scheduler.stop() }
        for task in tasks { _ = try? await task.value }
        for store in stores { await store.close() }
        let (launches, duplicates) = launcher.counts
        return [
            Figure("fire lag, max over \(minutes - 1) minutes", lags.max() ?? 0, "s", .atMost, 1),
            Figure("fires", Double(launches), "", .atLeast, Double(workflows * minutes)),
            Figure("duplicate fires", Double(duplicates), "", .atMost, 0),
            Figure("fire lag with 2 of 3 left (failover)", failoverLag, "s", .atMost, 31),
        ]
    }
}

/// Counts launches by workflow and time (a second launch of the same is a duplicate) and the wall time
/// of the latest launch since `begin`.
private final class CountingLauncher: WorkflowLauncher {
    struct Run: ActiveRun {
        let runID: String
        var isFinished: Bool { true }
        func finished() async {}
    }

    private let state = Mutex<(seen: Set<String>, duplicates: Int, began: ContinuousClock.Instant, last: Duration)>(
        ([], 0, .now, .zero))

    func begin() { state.withLock { $0.began = .now; $0.last = .zero } }

    var lastLaunch: Double {
        let last = state.withLock { $0.last }
        return Double(last.components.seconds) + Double(last.components.attoseconds) / 1e18
    }

    var counts: (launches: Int, duplicates: Int) { state.withLock { ($0.seen.count + $0.duplicates, $0.duplicates) } }

    func launch(_ workflow: ScheduledWorkflow, trigger: Int, inputs: [String: JSON], scheduledAt: Date) async
        -> LaunchResult
    {
        let key = "\(workflow.name)@\(scheduledAt.timeIntervalSince1970)"
        state.withLock { state in
            if !state.seen.insert(key).inserted { state.duplicates += 1 }
            state.last = max(state.last, ContinuousClock.now - state.began)
        }
        return .started(Run(runID: key))
    }
}
