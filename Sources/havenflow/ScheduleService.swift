import Dispatch
import FlowCore
import FlowRuntime
import Foundation
import Logging
import ServiceLifecycle

/// The foreground scheduler as a service: runs a `Scheduler` over the loaded workflows and, on SIGHUP,
/// re-reads the files. A valid new set replaces the scheduler (the old one stops firing and lets its
/// runs finish; the run locks keep the new one from overlapping them); an invalid one keeps the old set
/// and logs the diagnostics. Graceful shutdown reaches every scheduler through the task tree.
struct ScheduleService: Service {
    let sources: ScheduleSources
    let initial: [ScheduledWorkflow]
    let store: any StateStore
    let launcher: ProcessLauncher
    let logger: Logger

    func run() async throws {
        let hangups = HangupSignals()
        defer { hangups.stop() }
        await withTaskGroup(of: Void.self) { group in
            var current = makeScheduler(initial)
            group.addTask { [current] in try? await current.run() }
            await withGracefulShutdownHandler {
                for await _ in hangups.stream {
                    let loaded = sources.load()
                    for diagnostics in loaded.diagnostics { StandardError.write(diagnostics) }
                    guard loaded.valid else {
                        StandardError.write("scheduler: reload refused: the files above are invalid; keeping the old set")
                        continue
                    }
                    await current.stop()
                    current = makeScheduler(loaded.scheduled)
                    group.addTask { [current] in try? await current.run() }
                    StandardError.write("scheduler: reloaded \(loaded.scheduled.count) scheduled workflows")
                }
            } onGracefulShutdown: {
                hangups.finish()
            }
            await current.stop()
        }
    }

    private func makeScheduler(_ workflows: [ScheduledWorkflow]) -> Scheduler {
        Scheduler(workflows: workflows, store: store, launcher: launcher, logger: logger)
    }
}

/// SIGHUP as an async sequence.
final class HangupSignals: @unchecked Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let source: any DispatchSourceSignal

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        signal(SIGHUP, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { [continuation] in continuation.yield() }
        source.resume()
    }

    func finish() { continuation.finish() }

    func stop() {
        source.cancel()
        continuation.finish()
    }
}
