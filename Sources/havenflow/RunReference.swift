import ArgumentParser

/// The run a command is about (`show`, `logs`, `resume`) and the state directory holding it.
struct RunReference: ParsableArguments {
    @Argument(help: "The run's id (see `havenflow runs`).")
    var runID: String

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The state directory (default: $HAVENFLOW_STATE_DIR, else .havenflow).", valueName: "dir"))
    var stateDir: String?
}
