import Foundation
import JSONValue
import Logging
import ServiceLifecycle

/// Fires the `on.schedule` triggers of a set of workflows at their times, applies the overlap and
/// catch-up policies, and records every fire, skip and miss in a `FireStore`.
///
/// `run()` runs until cancelled, stopped or a graceful shutdown, then waits (bounded) for active runs;
/// `runOnce()` fires what is due now and returns when those runs end. Time comes only from the
/// `SchedulerClock`, so with a `ManualClock` a test drives days of schedule with `advance(to:)` and
/// `waitUntilIdle()`.
public actor Scheduler: Service {
    public struct Configuration: Sendable {
        /// A due time seen at most this late fires as on time; later ones fall to the catch-up policy.
        public var grace: Duration
        /// How long stopping waits for active runs.
        public var stopTimeout: Duration
        /// At most this many of a trigger's latest due times are considered after downtime.
        public var missedLimit: Int
        /// How often to take over the stale claims of schedulers sharing the store (`FireStore.staleClaims`)
        /// and to claim again the due times the store could not answer for; nil: never (one scheduler).
        public var claimSweep: Duration?
        /// A failing store is logged at most once per this interval (with how many calls failed since).
        public var failureLogInterval: Duration

        public init(
            grace: Duration = .seconds(60), stopTimeout: Duration = .seconds(300), missedLimit: Int = 1000,
            claimSweep: Duration? = nil, failureLogInterval: Duration = .seconds(60)
        ) {
            self.grace = grace
            self.stopTimeout = stopTimeout
            self.missedLimit = missedLimit
            self.claimSweep = claimSweep
            self.failureLogInterval = failureLogInterval
        }
    }

    enum Phase { case new, running, draining, stopped }

    let workflows: [ScheduledWorkflow]
    let clock: any SchedulerClock
    let store: any FireStore
    let launcher: any WorkflowLauncher
    let configuration: Configuration
    let logger: Logger

    var triggers: [TriggerState] = []
    var phase = Phase.new
    var stopping = false
    var stopRequestedAt: Date?
    /// Per workflow: runs launching or active.
    var busy: [Int]
    var totalBusy = 0
    var activeRuns: [Int: [String: any ActiveRun]] = [:]
    /// Per workflow: the one fire waiting for the active run to end (`overlap: queue`), and whether its
    /// time is already claimed (taken over).
    var queued: [Int: (trigger: Int, scheduledAt: Date, claimed: Bool)] = [:]
    /// Due times whose claim the store could not answer (unreachable): claimed again at the next sweep.
    var unanswered: [(trigger: Int, scheduledAt: Date)] = []
    /// When the next sweep of stale claims is due (`Configuration.claimSweep`).
    var nextSweep: Date?
    /// A sweep is in progress (the next one waits for it).
    var sweeping = false
    /// The store's failures: when one was last logged, how many since, how many since it last answered.
    var failureLog = (loggedAt: Date?.none, sinceLogged: 0, sinceAnswered: 0)
    /// Launches and records in progress.
    var pendingWork = 0
    var loopAwake = false
    var loopDeadline: Date?
    var loopTask: Task<Void, Never>?
    var drainTimer: Task<Void, Never>?
    var tasks: [Int: Task<Void, Never>] = [:]
    var nextTaskID = 0
    var idleWaiters: [CheckedContinuation<Void, Never>] = []
    var drainWaiters: [CheckedContinuation<Void, Never>] = []

    public init(
        workflows: [ScheduledWorkflow], clock: any SchedulerClock = SystemSchedulerClock(), store: any FireStore,
        launcher: any WorkflowLauncher, configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "havenflow.scheduler")
    ) {
        self.workflows = workflows
        self.clock = clock
        self.store = store
        self.launcher = launcher
        self.configuration = configuration
        self.logger = logger
        busy = Array(repeating: 0, count: workflows.count)
    }

    public func run() async throws {
        guard phase == .new else { return }
        phase = .running
        loopAwake = true
        await prepare()
        nextSweep = configuration.claimSweep.map { _ in clock.now }
        let loop = Task { await self.loop() }
        loopTask = loop
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await loop.value
            } onGracefulShutdown: {
                loop.cancel()
            }
        } onCancel: {
            loop.cancel()
        }
        await drain()
    }

    /// Stops firing; `run()` then waits for active runs (at most `stopTimeout`) and returns.
    public func stop() {
        if !stopping { stopRequestedAt = clock.now }
        stopping = true
        loopTask?.cancel()
    }

    /// `havenflow schedule --once`: fires whatever is due now, catch-up included, and returns when
    /// those runs (and any queued behind them) have ended.
    public func runOnce() async {
        guard phase == .new else { return }
        phase = .running
        await prepare()
        // Stale claims first: found before this scheduler's own claims queue up behind them.
        if configuration.claimSweep != nil { await takeOverStaleClaims() }
        processDue(now: clock.now)
        if !isDrained { await withCheckedContinuation { drainWaiters.append($0) } }
        phase = .stopped
        stateChanged()
    }

    /// Returns once the scheduler has handled everything due at the clock's current time: it sleeps
    /// until a later time, no launch or record is in progress, and every ended run has been seen.
    public func waitUntilIdle() async {
        if !isIdle { await withCheckedContinuation { idleWaiters.append($0) } }
    }

    /// When the scheduler next wakes by itself (its earliest next fire time); for simulations that jump
    /// a `ManualClock` from wake-up to wake-up.
    public var nextWakeup: Date? { loopDeadline }

    /// Each trigger's last record and next `count` fire times, from the clock's now.
    public func listing(count: Int = 3) async -> [ScheduleListing] {
        await ScheduleListing.make(workflows: workflows, store: store, now: clock.now, count: count)
    }

    private func loop() async {
        while !stopping {
            let deadline = (triggers.compactMap(\.next) + [nextSweep].compactMap { $0 }).min()
                ?? clock.now.addingTimeInterval(86_400)
            loopDeadline = deadline
            loopAwake = false
            stateChanged()
            do { try await clock.sleep(until: deadline) } catch { break }
            loopAwake = true
            loopDeadline = nil
            if stopping { break }
            processDue(now: clock.now)
            if let sweepAt = nextSweep, sweepAt <= clock.now, let interval = configuration.claimSweep {
                nextSweep = clock.now.adding(interval)
                sweep()
            }
        }
        loopAwake = false
        loopDeadline = nil
    }

    private func drain() async {
        stopping = true
        phase = .draining
        for (workflow, fire) in queued {
            record(fire.trigger, fire.scheduledAt, .skipped(.stopping), claimed: fire.claimed)
            queued[workflow] = nil
        }
        stateChanged()
        if !isDrained {
            let deadline = (stopRequestedAt ?? clock.now).addingTimeInterval(configuration.stopTimeout.seconds)
            let timer = Task { [clock] in
                do { try await clock.sleep(until: deadline) } catch {}
            }
            drainTimer = timer
            await timer.value
        }
        for task in tasks.values { task.cancel() }
        phase = .stopped
        stateChanged()
    }

    var isDrained: Bool { pendingWork == 0 && queued.isEmpty && totalBusy == 0 }

    var isIdle: Bool {
        switch phase {
        case .new: return false
        case .stopped: return true
        case .running, .draining:
            guard pendingWork == 0, !loopAwake else { return false }
            if phase == .running, let deadline = loopDeadline, deadline <= clock.now { return false }
            return !activeRuns.values.contains { $0.values.contains { $0.isFinished } }
        }
    }

    /// Wakes whoever waits for idleness or the end of all runs.
    func stateChanged() {
        if !idleWaiters.isEmpty, isIdle {
            let waiters = idleWaiters
            idleWaiters = []
            for waiter in waiters { waiter.resume() }
        }
        if drainTimer != nil || !drainWaiters.isEmpty, isDrained {
            drainTimer?.cancel()
            let waiters = drainWaiters
            drainWaiters = []
            for waiter in waiters { waiter.resume() }
        }
    }

    /// Runs `body` as a tracked task (cancelled if stopping times out).
    func spawn(_ body: @escaping @Sendable (isolated Scheduler) async -> Void) {
        nextTaskID += 1
        let id = nextTaskID
        tasks[id] = Task {
            await body(self)
            self.tasks[id] = nil
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension Date {
    func adding(_ duration: Duration) -> Date { addingTimeInterval(duration.seconds) }
}
