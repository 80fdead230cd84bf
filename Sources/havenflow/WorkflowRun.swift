import FlowCore
import FlowRuntime
import Foundation
import HavenActions
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
        let opened = dryRun || resume != nil ? nil : try await state.openStore()
        let store: (any StateStore)? = dryRun ? nil : (resume?.store ?? opened)

        let runID: String
        let inputs: [String: JSON]
        var resumeState: ResumeState?
        var registration: RunRegistration?
        var rerun: Set<String> = []
        if var resume {
            runID = resume.run.summary.id
            inputs = resume.run.inputs
            let recorded = RunRegistration(id: runID, workflow: workflow, contents: contents)
            resumeState = try await resume.prepare(workflow: workflow, registration: recorded)
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

        var lock: RunLock?
        if let store, !options.noLock { lock = try await RunLock.take(workflow.name, runID: runID, in: store) }
        return try await RunLock.holding(lock) {
            let connection = try await HavenTarget.resolve(
                options: options, workflow: workflow, state: state, secrets: secrets, environment: environment)
            defer { connection.close() }

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
                try await reporting { () async throws(StateStoreError) in
                    if resume != nil {
                        try await store.prepareResume(registration, rerun: rerun)
                    } else {
                        try await store.register(registration)
                    }
                }
            }
            var observers: [any RunObserver] = [runLog, console]
            if let store { observers.insert(store, at: 0) }
            let engine = Engine(
                registry: PluginRegistry.adding(to: StandardActions.registry(connection: connection.haven), forWorkflowAt: options.file), observers: observers,
                options: EngineOptions(
                    dryRun: dryRun, env: environment, secrets: secrets,
                    maskedValues: connection.apiKey.map { [$0] } ?? [], cancellation: cancellation))
            let outcome = await engine.run(workflow, inputs: inputs, runID: runID, resume: resumeState)
            await runLog.close()
            try? await connection.haven?.shutdown()
            for failure in store?.recordingErrors.prefix(3) ?? [] {
                StandardError.write("warning: the state database missed an event (\(failure)); resume may redo work")
            }
            switch outcome.status {
            case .succeeded: return .succeeded
            case .failed: return .failed
            case .interrupted: return .interrupted
            }
        }
    }

    /// The validated workflow, or exit 2 with every diagnostic on standard error.
    private func loadWorkflow() throws -> Workflow {
        let result = WorkflowLoader(registry: PluginRegistry.adding(to: StandardActions.registry(), forWorkflowAt: options.file))
            .load(file: options.file)
        if !result.diagnostics.isEmpty { StandardError.write(result.rendered) }
        guard let workflow = result.workflow else { throw ExitStatus.invalid.exitCode }
        return workflow
    }
}

/// A state store failure, as the CLI reports it (exit 1).
func reporting<T>(_ body: () async throws(StateStoreError) -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw CommandFailure(error.description, status: error.isUnknownRun ? .usage : .failed)
    }
}
