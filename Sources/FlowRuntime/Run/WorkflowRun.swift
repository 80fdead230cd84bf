import FlowCore
import Foundation
import JSONValue

/// One run of a loaded workflow, new or resumed: take the lock, connect the packs, record the run,
/// run the engine with the store, the run log and the console as observers, and let go of everything
/// in reverse order, whatever happened (a signal never skips this: it only cancels the run).
struct WorkflowRun {
    let runtime: Runtime
    let request: RunRequest
    let workflow: Workflow
    /// The registry the workflow was loaded against (core actions, the packs' unconnected ones, plugins).
    let registry: ActionRegistry
    let inputs: [String: JSON]
    let runID: String
    let state: StateDirectory
    /// `nil` under `plan`: a plan changes nothing, so it is neither recorded nor locked.
    let store: (any StateStore)?
    /// Set by `resume`: what the engine may skip, and which steps `--from` runs again.
    var resume: (state: ResumeState, rerun: Set<String>)?

    func execute() async throws(RuntimeError) -> RunStatus {
        let contents = (try? Data(contentsOf: URL(fileURLWithPath: request.file))).map { [UInt8]($0) } ?? []
        let registration = RunRegistration(id: runID, workflow: workflow, contents: contents)
        let secrets = try SecretBinding(
            file: request.secretsFile, environment: runtime.environment, packSecrets: runtime.packs.flatMap(\.secretNames)
        ).secrets(for: workflow)

        // Signals are watched from before the lock is taken until after it is released: an interrupt
        // at any moment in between ends the run through the same path as its last step.
        let cancellation = RunCancellation()
        return try await InterruptSignals.watching(cancellation: cancellation, report: runtime.report) {
            () async throws(RuntimeError) -> RunStatus in
            var lock: RunLock?
            if !request.noLock, let store {
                lock = try await RunLock.take(workflow.name, runID: runID, in: store, report: runtime.report)
            }
            let status: RunStatus
            do throws(RuntimeError) {
                status = try await connected(secrets: secrets, registration: registration, cancellation: cancellation)
            } catch {
                await lock?.release()
                throw error
            }
            await lock?.release()
            return status
        }
    }

    /// Connects every pack, runs, and closes the packs' sessions.
    private func connected(secrets: [String: String], registration: RunRegistration, cancellation: RunCancellation)
        async throws(RuntimeError) -> RunStatus
    {
        var sessions: [PackSession] = []
        func closeAll() async { for session in sessions { await session.close() } }
        do {
            for pack in runtime.packs {
                sessions.append(
                    try await pack.connect(
                        PackConnectRequest(
                            workflow: workflow, target: request.target, secrets: secrets,
                            environment: runtime.environment, stateDirectory: state.path,
                            sandboxSeedFile: request.sandboxSeedFile)))
            }
        } catch {
            await closeAll()
            throw RuntimeError(error)
        }
        let status: RunStatus
        do {
            status = try await logged(
                secrets: secrets, sessions: sessions, registration: registration, cancellation: cancellation)
        } catch {
            await closeAll()
            throw error
        }
        await closeAll()
        return status
    }

    /// Opens the run log, records the run, runs the engine under the signal watch, closes the log.
    private func logged(
        secrets: [String: String], sessions: [PackSession], registration: RunRegistration, cancellation: RunCancellation
    ) async throws(RuntimeError) -> RunStatus {
        let runLog: RunLog
        do {
            runLog = try RunLog(path: state.runLogPath(runID))
        } catch {
            throw RuntimeError(.failed, "\(error)")
        }
        defer { runLog.close() }
        // Recorded only now that everything is ready: a run that could not start leaves no record.
        if let store {
            try await storeCall { () async throws(StateStoreError) in
                if let resume {
                    try await store.prepareResume(registration, rerun: resume.rerun)
                } else {
                    try await store.register(registration, at: Date())
                }
            }
        }
        let console: any RunObserver =
            request.output == .jsonLines ? JSONLinesReporter() : ConsoleReporter(style: .detect(), runLogPath: runLog.path, plan: request.dryRun)
        var observers: [any RunObserver] = [runLog, console]
        if let store { observers.insert(store, at: 0) }
        let postgres = store as? PostgresStateStore
        if let postgres { watchStoreWrites(postgres, cancellation: cancellation) }

        var registry = registry
        for session in sessions { for action in session.actions { registry.register(action) } }
        let engine = Engine(
            registry: registry, observers: observers,
            options: EngineOptions(
                dryRun: request.dryRun, env: runtime.environment, secrets: secrets,
                maskedValues: sessions.flatMap(\.maskedValues), cancellation: cancellation))
        let outcome = await engine.run(workflow, inputs: inputs, runID: runID, resume: resume?.state)
        // A shared store's copy of the events is written behind the run: written before the process ends.
        if let postgres {
            await postgres.drain()
            if let message = storeOutageMessage(postgres) {
                runtime.report(message)
                return .interrupted
            }
        }
        for failure in store?.recordingErrors.prefix(3) ?? [] {
            runtime.report("warning: the state database missed an event (\(failure)); resume may redo work")
        }
        return outcome.status
    }
}
