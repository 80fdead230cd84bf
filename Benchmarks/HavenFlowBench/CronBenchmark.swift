import FlowCore
import FlowCoreTesting
import Foundation
import JSONValue
import Synchronization

/// Issue 8: next fire times per second for typical expressions (target ≥ 1,000,000/s), and a scheduler
/// with 1,000 workflows due every minute on a simulated clock (fires within 1 s of their minute).
enum CronBenchmark: Benchmark {
    static let name = "cron"
    static let summary = "cron next-fire rate; 1,000 workflows due every minute on a simulated clock"

    static func run() async throws -> [Figure] {
        var figures: [Figure] = []
        let typical = [("*/15 * * * *", "UTC"), ("30 2 * * 1-5", "Europe/London"), ("0 0 1 * *", "UTC")]
        for (text, zone) in typical {
            let rate = try nextFireRate(text, in: TimeZone(identifier: zone)!)
            figures.append(Figure("next fire '\(text)' \(zone)", rate, "/s", .atLeast, 1_000_000))
        }
        let (lag, wall, fires) = try await simulatedScheduler(workflows: 1000, minutes: 60)
        figures.append(Figure("scheduler max lag (simulated)", lag, "s", .atMost, 1))
        figures.append(Figure("scheduler 60 min x 1,000 wall", wall, "s"))
        figures.append(Figure("scheduler fires per wall second", Double(fires) / wall, "/s"))
        return figures
    }

    /// Next fire times computed per second, from instants spread over a year.
    static func nextFireRate(_ text: String, in zone: TimeZone) throws -> Double {
        let cron = try CronExpression.parse(text)
        let base = 1_767_225_600.0  // 2026-01-01T00:00:00Z
        _ = cron.nextFire(after: Date(timeIntervalSince1970: base), in: zone)
        let count = 2_000_000
        var checksum = 0.0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for index in 0..<count {
                let after = Date(timeIntervalSince1970: base + Double(index % 100_000) * 317)
                checksum += cron.nextFire(after: after, in: zone)?.timeIntervalSince1970 ?? 0
            }
        }
        precondition(checksum > 0)
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Runs `workflows` workflows due every minute for `minutes` simulated minutes, moving a `ManualClock`
    /// in 10-second steps; runs last 20 simulated seconds. Returns the largest delay of a launch behind its
    /// scheduled time (simulated), the wall time and the number of fires.
    static func simulatedScheduler(workflows: Int, minutes: Int) async throws -> (Double, Double, Int) {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let clock = ManualClock(now: start)
        let launcher = BenchLauncher(clock: clock)
        let scheduled = try (0..<workflows).map { index in
            ScheduledWorkflow(
                name: "w\(index)", file: "w\(index).yaml",
                triggers: Triggers(schedules: [
                    ScheduleTrigger(cron: try CronExpression.parse("* * * * *"), mark: .init(line: 1, column: 1))
                ]))
        }
        let scheduler = Scheduler(
            workflows: scheduled, clock: clock, store: InMemoryFireStore(), launcher: launcher,
            configuration: .init(stopTimeout: .zero))
        let wall = try await measure {
            let running = Task { try await scheduler.run() }
            await scheduler.waitUntilIdle()
            for step in 1...(minutes * 6) {
                clock.advance(to: start.addingTimeInterval(Double(step) * 10))
                await scheduler.waitUntilIdle()
            }
            await scheduler.stop()
            try await running.value
        }
        let (lag, fires) = launcher.state.withLock { ($0.maxLag, $0.fires) }
        precondition(fires == workflows * (minutes + 1), "expected \(workflows * (minutes + 1)) fires, got \(fires)")
        return (lag, wall, fires)
    }
}

/// Starts simulated 20-second runs and keeps the largest launch delay.
private final class BenchLauncher: WorkflowLauncher {
    struct Run: ActiveRun {
        let runID: String
        let end: Date
        let clock: ManualClock
        var isFinished: Bool { clock.now >= end }
        func finished() async { do { try await clock.sleep(until: end) } catch {} }
    }

    let clock: ManualClock
    let state = Mutex<(fires: Int, maxLag: Double)>((0, 0))

    init(clock: ManualClock) { self.clock = clock }

    func launch(_ workflow: ScheduledWorkflow, trigger: Int, inputs: [String: JSON], scheduledAt: Date) async
        -> LaunchResult
    {
        let now = clock.now
        let fires = state.withLock { state in
            state.fires += 1
            state.maxLag = max(state.maxLag, now.timeIntervalSince(scheduledAt))
            return state.fires
        }
        return .started(Run(runID: "run-\(fires)", end: now.addingTimeInterval(20), clock: clock))
    }
}
