import FlowCore
import Foundation
import JSONValue

/// One `havenflow run` / `plan` / `resume`: load and check the file, bind inputs and secrets, take the
/// workflow's run lock, record the run in the state store, connect, run the engine with the store, the
/// run log and the console as observers, and turn the outcome into an exit status.
struct WorkflowRun {
    let options: RunOptions
    let dryRun: Bool
    /// Set by `resume`: the recorded run to continue.
    var resume: ResumePlan?
    let environment = ProcessInfo.processInfo.environment

    func execute() async throws -> ExitStatus {
        let workflow = try loadWorkflow()
        let contents = (try? Data(contentsOf: URL(fileURLWithPath: options.file))).map { [UInt8]($0) } ?? []
        let state = StateDirectory(option: options.stateDir, environment: environment)
        try state.create()
        // A plan changes nothing: it is neither recorded nor locked.
        let store: StateStore? = try dryRun ? nil : (resume?.store ?? state.openStore())

        let runID: String
        let inputs: [String: JSON]
        var resumeState: ResumeState?
        var registration: RunRegistration?
        var rerun: Set<String> = []
        if var resume {
            runID = resume.run.summary.id
            inputs = resume.run.inputs
            let recorded = RunRegistration(id: runID, workflow: workflow, contents: contents)
            resumeState = try resume.prepare(workflow: workflow, registration: recorded)
            registration = recorded
            rerun = resume.rerun
        } else {
            runID = options.runID ?? RunID.make()
            do {
                inputs = try InputBinder.bind(declarations: workflow.inputs, raw: options.rawInputs)
            } catch {
                throw CommandFailure(error.description, status: .usage)
            }
            if store != nil { registration = RunRegistration(id: runID, workflow: workflow, contents: contents) }
        }
        let secrets = try SecretSource(file: options.secretsFile, environment: environment).secrets(for: workflow)

        let lock = try store.flatMap { try options.noLock ? nil : RunLock.take(workflow.name, runID: runID, in: $0) }
        defer { lock?.release() }

        let sessions = try await connectPacks(workflow, state: state, secrets: secrets)
        var sessionsOpen = true
        defer { if sessionsOpen { Task { for session in sessions { await session.close() } } } }

        let runLog: RunLog
        do {
            runLog = try RunLog(stateDirectory: state.path, runID: runID)
        } catch {
            throw CommandFailure("\(error)", status: .failed)
        }
        let console: any RunObserver =
            options.json ? JSONLinesReporter() : ConsoleReporter(style: .detect(), runLogPath: runLog.path)
        let cancellation = RunCancellation()
        let signals = InterruptHandler(cancellation: cancellation)
        defer { signals.stop() }

        // Recorded only now that everything is ready: a run that could not start leaves no record.
        if let store, let registration {
            try reporting { () throws(StateStoreError) in
                if resume != nil { try store.prepareResume(registration, rerun: rerun) } else { try store.register(registration) }
            }
        }
        var observers: [any RunObserver] = [runLog, console]
        if let store { observers.insert(store, at: 0) }
        let engine = Engine(
            registry: PluginRegistry.adding(
                to: ShippedPacks.registry.merging(ActionRegistry(sessions.flatMap(\.actions))), forWorkflowAt: options.file),
            observers: observers,
            options: EngineOptions(
                dryRun: dryRun, env: environment, secrets: secrets,
                maskedValues: sessions.flatMap(\.maskedValues), cancellation: cancellation))
        let outcome = await engine.run(workflow, inputs: inputs, runID: runID, resume: resumeState)
        await runLog.close()
        sessionsOpen = false
        for session in sessions { await session.close() }
        for failure in store?.recordingErrors.prefix(3) ?? [] {
            StandardError.write("warning: the state database missed an event (\(failure)); resume may redo work")
        }
        switch outcome.status {
        case .succeeded: return .succeeded
        case .failed: return .failed
        case .interrupted: return .interrupted
        }
    }

    /// Each shipped pack connected for this run (exit 64 for a configuration problem, 1 otherwise).
    private func connectPacks(_ workflow: Workflow, state: StateDirectory, secrets: [String: String]) async throws -> [PackSession] {
        let target: PackTarget = options.sandbox ? .sandbox : options.endpoint.map(PackTarget.endpoint) ?? .configured
        let request = PackConnectRequest(
            workflow: workflow, target: target, secrets: secrets, environment: environment, stateDirectory: state.path)
        var sessions: [PackSession] = []
        for pack in ShippedPacks.all {
            do {
                sessions.append(try await pack.connect(request))
            } catch {
                for session in sessions { await session.close() }
                throw CommandFailure(error.message, status: error.kind == .configuration ? .usage : .failed)
            }
        }
        return sessions
    }

    /// The validated workflow, or exit 2 with every diagnostic on standard error.
    private func loadWorkflow() throws -> Workflow {
        let result = WorkflowLoader(registry: PluginRegistry.adding(to: ShippedPacks.registry, forWorkflowAt: options.file))
            .load(file: options.file)
        if !result.diagnostics.isEmpty { StandardError.write(result.rendered) }
        guard let workflow = result.workflow else { throw ExitStatus.invalid.exitCode }
        return workflow
    }
}

/// A state store failure, as the CLI reports it (exit 1).
func reporting<T>(_ body: () throws(StateStoreError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw CommandFailure(error.description, status: error.isUnknownRun ? .usage : .failed)
    }
}
