import FlowCore
import Foundation
import JSONValue
import Subprocess
import Synchronization
import SystemPackage

/// Starts the scheduler's runs as child processes of this executable — `havenflow run FILE --run-id ID
/// --state-dir D …` — through swift-subprocess, each in a process group of its own (a Ctrl-C at the
/// scheduler's terminal does not reach it), standard input from nowhere, standard output and error
/// appended to `STATE_DIR/schedule/RUN_ID.log`.
///
/// The launcher first names the child's run id in the due time's claim (`FireStore.bind`: a claim
/// taken over by another scheduler meanwhile starts nothing), then takes the workflow's run lock for that
/// run id *before* it starts the child: a workflow whose lock another run holds is skipped without a
/// process, and the child adopts the lock its run id already holds. A scheduler that takes over this
/// one's claim thus finds the run (registered, or its lock held) rather than starting a second. When a
/// child ends, the launcher frees the lock if the child never took it.
final class ProcessLauncher: WorkflowLauncher {
    struct Settings: Sendable {
        var state: StateDirectory
        /// The executable to start (this one).
        var executable: String
        /// Passed to each run as `--endpoint`.
        var endpoint: String?
        /// Added to each run's environment (a shared sandbox's API key).
        var environment: [String: String] = [:]
        var secretsFile: String?
    }

    let settings: Settings
    let store: any StateStore
    let report: @Sendable (String) -> Void
    /// The tasks waiting for children still running, and how many fired runs have failed.
    private let state = Mutex<(children: [String: Task<Void, Never>], failures: Int)>(([:], 0))

    init(settings: Settings, store: any StateStore, report: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.store = store
        self.report = report
    }

    /// How many fired runs exited with a status other than 0 (or could not start).
    var failures: Int { state.withLock { $0.failures } }

    /// SIGTERM to every child's process group (the stop timeout passed): each records `interrupted`, runs
    /// `finally` and exits; a child still there after `grace` is killed.
    func terminateAll() async {
        let children = state.withLock { Array($0.children.values) }
        guard !children.isEmpty else { return }
        report("scheduler: the stop timeout passed; interrupting \(children.count) run(s)")
        for child in children { child.cancel() }
        for child in children { await child.value }
    }

    func launch(_ workflow: ScheduledWorkflow, trigger: Int, inputs: [String: JSON], scheduledAt: Date) async
        -> LaunchResult
    {
        let runID = RunID.make()
        let due = "\(workflow.name)#\(trigger) due \(Timestamp.rfc3339(scheduledAt))"
        do {
            guard try await store.bind(TriggerID(workflow: workflow.name, index: trigger), at: scheduledAt, runID: runID) else {
                report("scheduler: \(due): another scheduler took the due time over; it fires it")
                return .claimLost
            }
        } catch {
            return failed(due, "the due time's claim could not be renewed: \(error)")
        }
        let acquisition: LockAcquisition
        do {
            acquisition = try await store.acquireLock(workflow: workflow.name, runID: runID, lease: Heartbeat.lease)
        } catch {
            return failed(due, "the run lock could not be taken: \(error)")
        }
        if case .held = acquisition {
            report("scheduler: \(due): skipped, the workflow's run lock is held")
            return .lockBusy
        }
        let output = settings.state.scheduledOutputPath(runID)
        let handle = RunHandle(runID: runID)
        let started = await start(workflow, runID: runID, inputs: inputs, output: output, handle: handle)
        if let problem = started {
            try? await store.releaseLock(workflow: workflow.name, runID: runID)
            return failed(due, problem)
        }
        report("scheduler: \(due): started run \(runID) (output: \(output))")
        return .started(handle)
    }

    private func failed(_ due: String, _ message: String) -> LaunchResult {
        state.withLock { $0.failures += 1 }
        report("scheduler: \(due): \(message)")
        return .failed(message)
    }

    /// Starts the child and a task that waits for it; `nil` once it runs, else why it could not start.
    private func start(
        _ workflow: ScheduledWorkflow, runID: String, inputs: [String: JSON], output: String, handle: RunHandle
    ) async -> String? {
        let descriptor: FileDescriptor
        do {
            try FileManager.default.createDirectory(
                atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            descriptor = try FileDescriptor.open(
                FilePath(output), .writeOnly, options: [.create, .append, .closeOnExec], permissions: [.ownerReadWrite])
        } catch {
            return "cannot open \(output): \(error)"
        }
        var platform = PlatformOptions()
        platform.processGroupID = 0
        platform.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(30))]
        let configuration = Configuration(
            executable: .path(FilePath(settings.executable)),
            arguments: Arguments(arguments(workflow, runID: runID, inputs: inputs)),
            environment: .inherit.updating(environment), platformOptions: platform)
        return await withCheckedContinuation { (spawned: CheckedContinuation<String?, Never>) in
            let child = Task { [self] in
                var running = false
                var status: Int32 = -1
                do {
                    let result = try await Subprocess.run(
                        configuration, input: .none,
                        output: .fileDescriptor(descriptor, closeAfterSpawningProcess: true),
                        error: .combinedWithOutput
                    ) { _ in
                        running = true
                        spawned.resume(returning: nil)
                    }
                    status = switch result.terminationStatus {
                    case .exited(let code): code
                    case .signaled(let signal): 128 + signal
                    }
                } catch {
                    if !running {
                        spawned.resume(returning: "cannot start \(settings.executable): \(error)")
                        return
                    }
                }
                finished(workflow.name, runID: runID, status: status, handle: handle)
            }
            state.withLock { $0.children[runID] = child }
        }
    }

    private func finished(_ workflow: String, runID: String, status: Int32, handle: RunHandle) {
        state.withLock { state in
            state.children[runID] = nil
            if status != 0 { state.failures += 1 }
        }
        report("scheduler: run \(runID) of \(workflow) ended with status \(status)")
        let store = store
        Task {
            // Frees the lock only if the child never adopted it (a lock held by this process).
            try? await store.releaseLock(workflow: workflow, runID: runID)
            handle.finish()
        }
    }

    private func arguments(_ workflow: ScheduledWorkflow, runID: String, inputs: [String: JSON]) -> [String] {
        var arguments = ["run", workflow.file, "--run-id", runID, "--state-dir", settings.state.path]
        if let endpoint = settings.endpoint { arguments += ["--endpoint", endpoint] }
        if let secretsFile = settings.secretsFile { arguments += ["--secrets-file", secretsFile] }
        for (name, value) in inputs.sorted(by: { $0.key < $1.key }) {
            let text = if case .string(let string) = value { string } else { value.rendered() }
            arguments += ["--input", "\(name)=\(text)"]
        }
        return arguments
    }

    private var environment: [Environment.Key: String?] {
        var environment: [Environment.Key: String?] = [:]
        for (name, value) in settings.environment { environment[Environment.Key(rawValue: name)!] = value }
        environment["NO_COLOR"] = "1"
        return environment
    }
}
