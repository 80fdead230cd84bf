import ArgumentParser
import FlowCore
import FlowRuntime

/// `havenflow resume RUN_ID [--from STEP]`: continue a failed or interrupted run with its recorded inputs,
/// under the same run id, appending to its log.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a failed or interrupted run: succeeded steps and elements are not run again.",
        discussion: """
            The workflow file recorded for the run is loaded again. Exit status as for `run`; 2 when the file \
            changed so that recorded steps are gone or moved (use --force), 64 for an unknown run or one that \
            succeeded, 3 when the run is still running.
            """
    )

    @OptionGroup var reference: RunReference

    @Option(name: .customLong("from"), help: ArgumentHelp("Run this step and every later one again, even if they succeeded.", valueName: "step"))
    var from: String?

    @Flag(help: "Resume even though the workflow file changed in a way that breaks the recorded steps.")
    var force = false

    @OptionGroup var execution: ExecutionOptions

    func run() async throws {
        try await reportingFailures {
            let (store, run) = try await reference.load()
            let runID = run.summary.id
            switch run.summary.status {
            case .succeeded:
                throw CommandFailure("run \(runID) succeeded; there is nothing to resume", status: .usage)
            case .running:
                throw CommandFailure(
                    "run \(runID) is still running (pid \(run.summary.pid) on \(run.summary.host)); "
                        + "stop it first, or wait for it to end",
                    status: .locked)
            case .failed, .interrupted:
                break
            }
            var arguments = [run.summary.file] + execution.arguments
            if let stateDir = reference.stateDir { arguments += ["--state-dir", stateDir] }
            let options = try RunOptions.parse(arguments)
            let plan = ResumePlan(store: store, run: run, from: from, force: force)
            return try await WorkflowRun(options: options, dryRun: false, resume: plan).execute()
        }
    }
}

/// What `resume` continues: the recorded run, and which steps run again.
struct ResumePlan {
    let store: any StateStore
    let run: RunDetail
    let from: String?
    let force: Bool
    /// The steps `--from` runs again (set by `prepare`).
    private(set) var rerun: Set<String> = []

    init(store: any StateStore, run: RunDetail, from: String?, force: Bool) {
        self.store = store
        self.run = run
        self.from = from
        self.force = force
    }

    /// Checks the reloaded `workflow` against the records (exit 2 unless `--force`) and returns what the
    /// engine may skip.
    mutating func prepare(workflow: Workflow, registration: RunRegistration) async throws -> ResumeState {
        if registration.fileHash != run.summary.fileHash {
            let problems = ResumeCompatibility.problems(
                recorded: run.stepKeys, started: Set(run.steps.map(\.key)), current: registration.stepKeys)
            if !problems.isEmpty && !force {
                throw CommandFailure(
                    "\(run.summary.file) changed since run \(run.summary.id) so that its records no longer fit: "
                        + problems.joined(separator: "; ") + ". Restore the file, or use --force to resume anyway",
                    status: .invalid)
            }
        }
        if let from {
            let keys = workflow.steps.map(\.key)
            guard let start = keys.firstIndex(of: from) else {
                throw CommandFailure(
                    "--from: there is no step '\(from)' in \(workflow.file); its steps are "
                        + keys.map { "'\($0)'" }.joined(separator: ", "),
                    status: .usage)
            }
            rerun = Set(keys[start...])
        }
        let rerun = rerun
        return try await reporting { () async throws(StateStoreError) in
            try await store.resumeState(runID: run.summary.id, rerun: rerun)
        }
    }
}
