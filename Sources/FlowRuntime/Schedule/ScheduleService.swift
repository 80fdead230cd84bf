import FlowCore
import Logging
import ServiceLifecycle
import UnixSignals

/// The foreground scheduler as a service: runs a `Scheduler` over the loaded workflows and, on SIGHUP,
/// re-reads the files. A valid new set replaces the scheduler (the old one stops firing and lets its
/// runs finish; the run locks keep the new one from overlapping them); an invalid one keeps the old set
/// and reports the diagnostics. Graceful shutdown reaches every scheduler through the task tree.
struct ScheduleService: Service {
    let sources: ScheduleSources
    let initial: [ScheduledWorkflow]
    let store: any FireStore
    let launcher: any WorkflowLauncher
    let configuration: Scheduler.Configuration
    let logger: Logger
    let report: @Sendable (String) -> Void

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await withTaskGroup(of: Void.self) { group in
            var current = makeScheduler(initial)
            group.addTask { [current] in try? await current.run() }
            for await _ in hangups.cancelOnGracefulShutdown() {
                let loaded = sources.load()
                for diagnostics in loaded.diagnostics { report(diagnostics) }
                guard loaded.valid else {
                    report("scheduler: reload refused: the files above are invalid; keeping the old set")
                    continue
                }
                await current.stop()
                current = makeScheduler(loaded.scheduled)
                group.addTask { [current] in try? await current.run() }
                report("scheduler: reloaded \(loaded.scheduled.count) scheduled workflows")
            }
            await current.stop()
        }
    }

    private func makeScheduler(_ workflows: [ScheduledWorkflow]) -> Scheduler {
        Scheduler(workflows: workflows, store: store, launcher: launcher, configuration: configuration, logger: logger)
    }
}
