import ArgumentParser
import FlowRuntime

/// `havenflow validate FILE…`: load and check workflow files without running anything.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check workflow files without running them (exit 0 when all are valid, 2 otherwise).",
        discussion: """
            Every problem is printed to standard error as FILE:LINE:COL: error: MESSAGE with the source line \
            and a caret; a valid file prints "FILE: valid" on standard output. With --json, standard output \
            carries one JSON object: {"valid": BOOL, "files": [{"file", "valid", "diagnostics": [{"file", \
            "line", "column", "severity", "message"}]}]}.
            """
    )

    @Argument(help: ArgumentHelp("The workflow files to check.", valueName: "file"))
    var files: [String] = []

    @Flag(help: "Print the result as one JSON object on standard output.")
    var json = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one workflow file to validate.") }
    }

    func run() async throws {
        try await exiting { () throws(RuntimeError) in
            Runtime.havenflow.validate(files: files, json: json, output: { print($0) }) ? .succeeded : .invalid
        }
    }
}
