import ArgumentParser
import FlowRuntime
import Foundation

/// `havenflow logs RUN_ID`: the run's JSON Lines event log, as written.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Print a run's JSON Lines event log.")

    @OptionGroup var reference: RunReference

    @OptionGroup var store: StoreOption

    func run() async throws {
        store.apply()
        try await exiting { () throws(RuntimeError) in
            FileHandle.standardOutput.write(try await RunHistory(stateDirectory: reference.stateDir).log(runID: reference.runID))
            return .succeeded
        }
    }
}
