import ArgumentParser
import FlowCore
import FlowRuntime

/// The options `run` and `plan` share (docs/cli.md).
struct RunOptions: ParsableArguments {
    @Argument(help: "The workflow file.")
    var file: String

    @Option(name: .customLong("input"), help: ArgumentHelp("A workflow input, NAME=VALUE; repeat for several.", valueName: "name=value"))
    var inputs: [String] = []

    @OptionGroup var execution: ExecutionOptions

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The state directory (default: $HAVENFLOW_STATE_DIR, else .havenflow).", valueName: "dir"))
    var stateDir: String?

    @Option(name: .customLong("run-id"), help: .hidden)
    var runID: String?

    func validate() throws {
        for input in inputs where !input.contains("=") {
            throw ValidationError("--input '\(input)' must be NAME=VALUE.")
        }
    }

    /// The run these options ask for.
    func request(dryRun: Bool) -> RunRequest {
        var request = execution.request(stateDirectory: stateDir)
        request.file = file
        request.inputs = rawInputs
        request.runID = runID
        request.dryRun = dryRun
        return request
    }

    /// `--input` values as a dictionary (a later value for the same name wins).
    private var rawInputs: [String: String] {
        var values: [String: String] = [:]
        for input in inputs {
            let parts = input.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return values
    }
}

/// Where and how a run executes: the options `run`, `plan` and `resume` share.
struct ExecutionOptions: ParsableArguments {
    @Flag(help: "Run against an embedded sandbox on a free loopback port (its data kept in the state directory).")
    var sandbox = false

    @Option(help: ArgumentHelp("The Haven endpoint, e.g. https://api.havenondemand.com.", valueName: "url"))
    var endpoint: String?

    @Flag(help: "Print JSON Lines events on standard output instead of the console view.")
    var json = false

    @Option(name: .customLong("secrets-file"), help: ArgumentHelp("A dotenv file of secrets (mode 600).", valueName: "file"))
    var secretsFile: String?

    @OptionGroup var store: StoreOption

    @Flag(name: .customLong("no-lock"), help: "Do not take the workflow's run lock.")
    var noLock = false

    @Option(
        name: .customLong("seed-file"),
        help: ArgumentHelp("With --sandbox: connectors and indexes the sandbox starts with (YAML or JSON; see docs/sandbox.md).", valueName: "file"))
    var seedFile: String?

    func validate() throws {
        if sandbox && endpoint != nil {
            throw ValidationError("--sandbox and --endpoint cannot be used together.")
        }
        if seedFile != nil && !sandbox { throw ValidationError("--seed-file goes with --sandbox.") }
    }

    /// Where and how to run, for a run of no file yet (`resume` takes the file from the record).
    func request(stateDirectory: String?) -> RunRequest {
        store.apply()
        let target: PackTarget = sandbox ? .sandbox : endpoint.map { .endpoint($0) } ?? .configured
        return RunRequest(
            file: "", stateDirectory: stateDirectory, target: target, output: json ? .jsonLines : .console,
            secretsFile: secretsFile, noLock: noLock, sandboxSeedFile: seedFile)
    }
}
