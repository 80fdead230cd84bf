import FlowCore
import FlowCoreTesting
import FlowYAML
import Foundation
import JSONValue
import Synchronization

/// A run that ends at a fixed time of a `ManualClock`.
struct SimulatedRun: ActiveRun {
    let runID: String
    let end: Date
    let clock: ManualClock

    var isFinished: Bool { clock.now >= end }

    func finished() async {
        do { try await clock.sleep(until: end) } catch {}
    }
}

/// Starts simulated runs of a given length and remembers every launch.
final class SimulatedLauncher: WorkflowLauncher {
    struct Launch: Sendable {
        var workflow: String
        var trigger: Int
        var inputs: [String: JSON]
        var scheduledAt: Date
        var startedAt: Date
        var runID: String
    }

    let clock: ManualClock
    let duration: TimeInterval
    let busyWorkflows: Set<String>
    private let state = Mutex<[Launch]>([])

    init(clock: ManualClock, duration: TimeInterval = 0, busyWorkflows: Set<String> = []) {
        self.clock = clock
        self.duration = duration
        self.busyWorkflows = busyWorkflows
    }

    var launches: [Launch] { state.withLock { $0 } }

    func launch(_ workflow: ScheduledWorkflow, trigger: Int, inputs: [String: JSON], scheduledAt: Date) async
        -> LaunchResult
    {
        if busyWorkflows.contains(workflow.name) { return .lockBusy }
        let now = clock.now
        let runID = state.withLock { launches in
            let runID = "run-\(launches.count + 1)"
            launches.append(
                Launch(
                    workflow: workflow.name, trigger: trigger, inputs: inputs, scheduledAt: scheduledAt,
                    startedAt: now, runID: runID))
            return runID
        }
        return .started(SimulatedRun(runID: runID, end: now.addingTimeInterval(duration), clock: clock))
    }
}

func scheduled(
    _ name: String, _ crons: [String], zone: String = "UTC", overlap: Triggers.Overlap = .skip,
    catchup: Triggers.Catchup = .none, window: Duration? = nil
) throws -> ScheduledWorkflow {
    let schedules = try crons.map {
        ScheduleTrigger(cron: try CronExpression.parse($0), timeZone: zone, mark: Mark(line: 1, column: 1))
    }
    return ScheduledWorkflow(
        name: name, file: "workflows/\(name).yaml",
        triggers: Triggers(schedules: schedules, overlap: overlap, catchup: catchup, catchupWindow: window))
}

/// Moves the clock in steps of `step` seconds up to `end`, letting the scheduler settle after each.
func drive(_ scheduler: Scheduler, _ clock: ManualClock, to end: Date, step: TimeInterval) async {
    await scheduler.waitUntilIdle()
    var time = clock.now
    while time < end {
        time = min(time.addingTimeInterval(step), end)
        clock.advance(to: time)
        await scheduler.waitUntilIdle()
    }
}

/// Jumps the clock from one scheduler wake-up to the next up to `end` (for runs that end at once).
func jump(_ scheduler: Scheduler, _ clock: ManualClock, to end: Date) async {
    await scheduler.waitUntilIdle()
    while let wakeup = await scheduler.nextWakeup, wakeup <= end {
        clock.advance(to: wakeup)
        await scheduler.waitUntilIdle()
    }
    clock.advance(to: end)
    await scheduler.waitUntilIdle()
}

extension FireRecord {
    /// `fired`, `skipped` or `missed`, with the minute of the scheduled time: "00:03 fired".
    var summary: String {
        let kind =
            switch outcome {
            case .fired: "fired"
            case .skipped: "skipped"
            case .missed: "missed"
            }
        return "\(iso(scheduledAt).dropFirst(11).prefix(5)) \(kind)"
    }
}

func sortedRecords(_ store: InMemoryFireStore) -> [FireRecord] {
    store.records.sorted { ($0.scheduledAt, $0.trigger.description) < ($1.scheduledAt, $1.trigger.description) }
}
