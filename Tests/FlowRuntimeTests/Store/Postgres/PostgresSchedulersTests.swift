import FlowCore
import FlowCoreTesting
import FlowRuntime
import FlowYAML
import Foundation
import JSONValue
import PostgresTesting
import Synchronization
import Testing

/// Two schedulers on two "hosts" (stores with distinct process identities) sharing one real PostgreSQL,
/// 200 workflows due every minute, driven minute by minute on a simulated clock: every due time fires
/// exactly once between them.
@Suite(.timeLimit(.minutes(2))) struct PostgresSchedulersTests {
    /// Starts runs that end at once, and counts launches by workflow and due time.
    final class CountingLauncher: WorkflowLauncher {
        struct Run: ActiveRun {
            let runID: String
            var isFinished: Bool { true }
            func finished() async {}
        }

        let host: String
        private let launched = Mutex<[String]>([])

        init(host: String) { self.host = host }

        var launches: [String] { launched.withLock { $0 } }

        func launch(_ workflow: ScheduledWorkflow, trigger: Int, inputs: [String: JSON], scheduledAt: Date) async
            -> LaunchResult
        {
            let key = "\(workflow.name)@\(Int(scheduledAt.timeIntervalSince1970))"
            launched.withLock { $0.append(key) }
            return .started(Run(runID: "\(host)-\(key)"))
        }
    }

    @Test func twoSchedulersTwoHundredWorkflowsEveryMinuteFireEachDueTimeOnce() async throws {
        let server = try PostgresServer.shared()
        let database = try server.createDatabase()
        let start = Date(timeIntervalSince1970: 1_800_000_000)  // a minute's start
        let clock = ManualClock(now: start.addingTimeInterval(1))
        let workflows = try (0..<200).map { index in
            ScheduledWorkflow(
                name: "w\(index)", file: "workflows/w\(index).yaml",
                triggers: Triggers(schedules: [
                    ScheduleTrigger(cron: try CronExpression.parse("* * * * *"), mark: Mark(line: 1, column: 1))
                ]))
        }
        var schedulers: [Scheduler] = []
        var launchers: [CountingLauncher] = []
        var stores: [PostgresStateStore] = []
        for (index, host) in ["host-a", "host-b"].enumerated() {
            let store = try PostgresStateStore(
                address: PostgresAddress(url: server.url(database), environment: [:]),
                process: ProcessIdentity(pid: Int32(4000 + index), host: host), clock: clock)
            try await store.connect()
            let launcher = CountingLauncher(host: host)
            schedulers.append(Scheduler(workflows: workflows, clock: clock, store: store, launcher: launcher))
            launchers.append(launcher)
            stores.append(store)
        }
        let running = schedulers.map { scheduler in Task { try? await scheduler.run() } }
        for scheduler in schedulers { await scheduler.waitUntilIdle() }
        // The minute they started in, then five more.
        for minute in 1...5 {
            clock.advance(to: start.addingTimeInterval(Double(60 * minute) + 0.5))
            for scheduler in schedulers { await scheduler.waitUntilIdle() }
        }
        for scheduler in schedulers { await scheduler.stop() }
        for task in running { await task.value }
        for store in stores { await store.close() }

        let launches = launchers.flatMap(\.launches)
        #expect(launches.count == 6 * 200)
        #expect(Set(launches).count == launches.count, "a due time was launched twice")
        #expect(try await server.psql("SELECT count(*) FROM fires WHERE outcome = 'fired'", database: database) == "1200")
        #expect(try await server.psql("SELECT count(*) FROM fires", database: database) == "1200")
        #expect(try await server.psql(
            "SELECT count(*) FROM (SELECT DISTINCT workflow, scheduled_at FROM fires) AS due", database: database) == "1200")
        #expect(try await server.psql(
            "SELECT count(DISTINCT scheduled_at) FROM fires WHERE scheduled_at >= \(start.timeIntervalSince1970)",
            database: database) == "6")
        // Each host recorded what it launched, and nothing else.
        for launcher in launchers {
            #expect(try await server.psql(
                "SELECT count(*) FROM fires WHERE host = '\(launcher.host)'", database: database) == "\(launcher.launches.count)")
        }
    }
}
