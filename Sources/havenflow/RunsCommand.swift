import ArgumentParser
import FlowRuntime

/// `havenflow runs`: the run history, newest first.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List recorded runs, newest first.")

    @Option(help: ArgumentHelp("Only the runs of this workflow (its `name`).", valueName: "name"))
    var workflow: String?

    @Option(help: ArgumentHelp("At most this many runs.", valueName: "n"))
    var limit: Int = 20

    @Flag(help: "Print {\"runs\": […]} as JSON.")
    var json = false

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The state directory (default: $HAVENFLOW_STATE_DIR, else .havenflow).", valueName: "dir"))
    var stateDir: String?

    @OptionGroup var store: StoreOption

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() async throws {
        store.apply()
        try await exiting { () throws(RuntimeError) in
            print(try await RunHistory(stateDirectory: stateDir).runs(workflow: workflow, limit: limit, json: json))
            return .succeeded
        }
    }
}
