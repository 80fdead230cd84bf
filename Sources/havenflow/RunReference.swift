import ArgumentParser
import FlowCore
import FlowRuntime

/// The run a command is about (`show`, `logs`, `resume`) and the state directory holding it.
struct RunReference: ParsableArguments {
    @Argument(help: "The run's id (see `havenflow runs`).")
    var runID: String

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The state directory (default: $HAVENFLOW_STATE_DIR, else .havenflow).", valueName: "dir"))
    var stateDir: String?

    var state: StateDirectory { StateDirectory(option: stateDir) }

    /// The state database and the run's record (exit 64 for an unknown run).
    func load() async throws -> (store: any StateStore, run: RunDetail) {
        let store = try await state.openStore()
        let run = try await reporting { () async throws(StateStoreError) in try await store.run(runID) }
        return (store, run)
    }
}
