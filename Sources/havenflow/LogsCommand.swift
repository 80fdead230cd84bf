import ArgumentParser
import FlowCore
import FlowRuntime
import Foundation

/// `havenflow logs RUN_ID`: the run's JSON Lines event log, as written.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Print a run's JSON Lines event log.")

    @OptionGroup var reference: RunReference

    func run() async throws {
        try await reportingFailures {
            let runID = try await reference.load().run.summary.id
            let path = reference.state.runLogPath(runID)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("the log of run \(runID), \(path), is missing", status: .failed)
            }
            FileHandle.standardOutput.write(data)
            return .succeeded
        }
    }
}
