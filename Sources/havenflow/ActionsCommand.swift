import ArgumentParser
import FlowRuntime

/// `havenflow actions [NAME]`: the action registry, generated from the declarations.
struct ActionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List the actions a workflow can use, or show one with its inputs and outputs."
    )

    @Argument(help: "An action name or alias.")
    var name: String?

    @Flag(help: "Print JSON on standard output.")
    var json = false

    func run() async throws {
        try await exiting { () throws(RuntimeError) in
            print(try Runtime.havenflow.describeActions(name: name, json: json))
            return .succeeded
        }
    }
}
