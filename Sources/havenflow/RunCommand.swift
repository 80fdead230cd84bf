import ArgumentParser
import FlowRuntime

/// `havenflow run FILE`: load, validate and execute a workflow.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Load, validate and execute a workflow.",
        discussion: "Exit status: 0 succeeded, 1 a step failed, 2 invalid workflow, 3 locked, 4 interrupted."
    )

    @OptionGroup var options: RunOptions

    @Flag(name: .customLong("dry-run"), help: "Run read-only actions; show what changing ones would send.")
    var dryRun = false

    func run() async throws {
        let request = options.request(dryRun: dryRun)
        try await exiting { () throws(RuntimeError) in ExitStatus(try await Runtime.havenflow.run(request)) }
    }
}

/// `havenflow plan FILE`: the same as `run --dry-run`.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what a run would do: read-only actions run, changing ones print their request."
    )

    @OptionGroup var options: RunOptions

    func run() async throws {
        let request = options.request(dryRun: true)
        try await exiting { () throws(RuntimeError) in ExitStatus(try await Runtime.havenflow.run(request)) }
    }
}
