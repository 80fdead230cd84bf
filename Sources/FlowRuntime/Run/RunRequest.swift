import FlowCore

/// What `run`, `plan` and `resume` are asked to do: the command line of a run, as values.
public struct RunRequest: Sendable {
    /// How the run's progress is shown.
    public enum Output: Sendable, Hashable {
        /// The console view (colours when the terminal has them), with the run log's path.
        case console
        /// JSON Lines events on standard output.
        case jsonLines
    }

    /// The workflow file.
    public var file: String
    /// `--input NAME=VALUE`, as text.
    public var inputs: [String: String]
    /// `--state-dir`, else `HAVENFLOW_STATE_DIR`, else `.havenflow`.
    public var stateDirectory: String?
    /// `--sandbox`, `--endpoint URL`, or neither.
    public var target: PackTarget
    public var output: Output
    /// `--secrets-file`.
    public var secretsFile: String?
    /// `--no-lock`: run without taking the workflow's run lock.
    public var noLock: Bool
    /// The run id to use (the scheduler gives one to the runs it starts); a new one when `nil`.
    public var runID: String?
    /// `plan` / `run --dry-run`: read-only actions run, changing ones print their request; nothing is
    /// recorded or locked.
    public var dryRun: Bool
    /// `--seed-file` (with `--sandbox`): resources the embedded sandbox starts with.
    public var sandboxSeedFile: String?

    public init(
        file: String, inputs: [String: String] = [:], stateDirectory: String? = nil, target: PackTarget = .configured,
        output: Output = .console, secretsFile: String? = nil, noLock: Bool = false, runID: String? = nil,
        dryRun: Bool = false, sandboxSeedFile: String? = nil
    ) {
        self.file = file
        self.inputs = inputs
        self.stateDirectory = stateDirectory
        self.target = target
        self.output = output
        self.secretsFile = secretsFile
        self.noLock = noLock
        self.runID = runID
        self.dryRun = dryRun
        self.sandboxSeedFile = sandboxSeedFile
    }
}

/// What `resume` is asked to continue.
public struct ResumeRequest: Sendable {
    public var runID: String
    /// `--from STEP`: run this step and every later one again.
    public var from: String?
    /// `--force`: resume although the file changed so that recorded steps are gone or moved.
    public var force: Bool
    /// Where and how to run; `file`, `inputs` and `runID` are taken from the record.
    public var execution: RunRequest

    public init(runID: String, from: String? = nil, force: Bool = false, execution: RunRequest) {
        self.runID = runID
        self.from = from
        self.force = force
        self.execution = execution
    }
}
