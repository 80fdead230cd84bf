import ArgumentParser
import FlowRuntime

/// `havenflow show RUN_ID`: one run, its steps (with element counts for `for_each`) and errors.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one run: each step with status, attempts, duration and errors.")

    @OptionGroup var reference: RunReference

    @OptionGroup var store: StoreOption

    @Flag(help: "Print the run as one JSON object.")
    var json = false

    func run() async throws {
        store.apply()
        try await exiting { () throws(RuntimeError) in
            print(try await RunHistory(stateDirectory: reference.stateDir).show(runID: reference.runID, json: json))
            return .succeeded
        }
    }
}
