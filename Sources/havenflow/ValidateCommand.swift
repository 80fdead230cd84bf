import ArgumentParser
import FlowCore
import JSONValue

/// `havenflow validate FILE…`: load and check workflow files without running anything.
struct ValidateCommand: ParsableCommand {
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

    func run() throws {
        let results = files.map {
            WorkflowLoader(registry: PluginRegistry.adding(to: ShippedPacks.registry, forWorkflowAt: $0)).load(file: $0)
        }
        let valid = results.allSatisfy { $0.workflow != nil }
        if json {
            let report: JSON = [
                "valid": .bool(valid), "files": .array(zip(files, results).map { $1.json(file: $0) }),
            ]
            print(report.rendered())
        } else {
            for (file, result) in zip(files, results) {
                if !result.diagnostics.isEmpty { StandardError.write(result.rendered) }
                if result.workflow != nil { print("\(file): valid") }
            }
        }
        if !valid { throw ExitStatus.invalid.exitCode }
    }
}
