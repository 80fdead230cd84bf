import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Synchronization

/// Starts the scheduler's runs as child processes of this executable — `havenflow run FILE --run-id ID
/// --state-dir D …` — each in its own process group, its output appended to
/// `STATE_DIR/schedule/RUN_ID.log`. A run counts as started once it holds its workflow's run lock; a
/// child that exits 3 first found the lock held (`lockBusy`).
final class ProcessLauncher: WorkflowLauncher {
    struct Settings: Sendable {
        var state: StateDirectory
        var endpoint: String?
        var apiKey: String?
        var secretsFile: String?
    }

    let settings: Settings
    let store: any StateStore
    private let executable = ChildProcess.currentExecutable
    /// Children still running, and whether any fired run has failed.
    private let state = Mutex<(children: [pid_t: ChildProcess], failures: Int)>(([:], 0))

    init(settings: Settings, store: any StateStore) {
        self.settings = settings
        self.store = store
    }

    /// How many fired runs exited with a status other than 0 (or could not start).
    var failures: Int { state.withLock { $0.failures } }

    /// SIGTERM to every child still running (the stop timeout passed): each records `interrupted`.
    /// Then waits (at most `grace`) for them to run `finally` and exit.
    func terminateAll(grace: Duration = .seconds(30)) async {
        let children = state.withLock { Array($0.children.values) }
        guard !children.isEmpty else { return }
        StandardError.write("scheduler: the stop timeout passed; interrupting \(children.count) run(s)")
        for child in children { child.signalGroup(SIGTERM) }
        let deadline = ContinuousClock.now + grace
        while state.withLock({ !$0.children.isEmpty }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    func launch(_ workflow: ScheduledWorkflow, trigger: Int, inputs: [String: JSON], scheduledAt: Date) async
        -> LaunchResult
    {
        let runID = RunID.make()
        let folder = "\(settings.state.path)/schedule"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                executable: executable, arguments: arguments(workflow, runID: runID, inputs: inputs),
                environment: environment, outputFile: "\(folder)/\(runID).log")
        } catch {
            state.withLock { $0.failures += 1 }
            StandardError.write("scheduler: \(workflow.name)#\(trigger): \(error)")
            return .failed(error.description)
        }
        state.withLock { $0.children[child.pid] = child }
        let handle = RunHandle(runID: runID)
        let exit = ChildExit()
        let thread = Thread { [self] in
            let status = child.waitForExit()
            exit.status.withLock { $0 = status }
            state.withLock { state in
                state.children[child.pid] = nil
                if status != 0 && status != ExitStatus.locked.rawValue { state.failures += 1 }
            }
            StandardError.write("scheduler: run \(runID) of \(workflow.name) ended with status \(status)")
            handle.finish()
        }
        thread.start()
        let result = await started(
            child: exit, runID: runID, workflow: workflow.name, handle: handle, log: "\(folder)/\(runID).log")
        let due = "\(workflow.name)#\(trigger) due \(Timestamp.rfc3339(scheduledAt))"
        switch result {
        case .started: StandardError.write("scheduler: \(due): started run \(runID) (output: \(folder)/\(runID).log)")
        case .lockBusy: StandardError.write("scheduler: \(due): skipped, the workflow's run lock is held")
        case .failed(let message): StandardError.write("scheduler: \(due): \(message)")
        }
        return result
    }

    /// Started once the child holds the lock; or it ended first.
    private func started(child exit: ChildExit, runID: String, workflow: String, handle: RunHandle, log: String) async
        -> LaunchResult
    {
        while true {
            if let status = exit.status.withLock({ $0 }) {
                if status == ExitStatus.locked.rawValue { return .lockBusy }
                if status == 0 { return .started(handle) }
                if (try? await store.run(runID)) != nil { return .started(handle) }
                return .failed("havenflow run exited with status \(status) (see \(log))")
            }
            if (try? await store.lockHolder(workflow: workflow))?.runID == runID { return .started(handle) }
            try? await Task.sleep(for: .milliseconds(20))
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

    private var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if let apiKey = settings.apiKey { environment["HAVEN_APIKEY"] = apiKey }
        environment["NO_COLOR"] = "1"
        return environment
    }
}

/// A child's exit status, once it has exited.
private final class ChildExit: Sendable {
    let status = Mutex<Int32?>(nil)
}
