import ArgumentParser

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

    var sandbox: Bool { execution.sandbox }
    var endpoint: String? { execution.endpoint }
    var json: Bool { execution.json }
    var secretsFile: String? { execution.secretsFile }
    var noLock: Bool { execution.noLock }

    func validate() throws {
        for input in inputs where !input.contains("=") {
            throw ValidationError("--input '\(input)' must be NAME=VALUE.")
        }
    }

    /// `--input` values as a dictionary (a later value for the same name wins).
    var rawInputs: [String: String] {
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

    @Flag(name: .customLong("no-lock"), help: "Do not take the workflow's run lock.")
    var noLock = false

    func validate() throws {
        if sandbox && endpoint != nil {
            throw ValidationError("--sandbox and --endpoint cannot be used together.")
        }
    }

    /// The same options as command-line words, to hand them on to another command.
    var arguments: [String] {
        var words: [String] = []
        if sandbox { words.append("--sandbox") }
        if let endpoint { words += ["--endpoint", endpoint] }
        if json { words.append("--json") }
        if let secretsFile { words += ["--secrets-file", secretsFile] }
        if noLock { words.append("--no-lock") }
        return words
    }
}
