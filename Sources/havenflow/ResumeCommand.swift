import ArgumentParser
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
        let request = ResumeRequest(
            runID: reference.runID, from: from, force: force,
            execution: execution.request(stateDirectory: reference.stateDir))
        try await exiting { () throws(RuntimeError) in ExitStatus(try await Runtime.havenflow.resume(request)) }
    }
}
