import ArgumentParser
import FlowCore
import Foundation
import JSONValue

/// `havenflow actions [NAME]`: the action registry, generated from the declarations.
struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List the actions a workflow can use, or show one with its inputs and outputs."
    )

    @Argument(help: "An action name or alias.")
    var name: String?

    @Flag(help: "Print JSON on standard output.")
    var json = false

    func run() throws {
        let registry = PluginRegistry.adding(to: ShippedPacks.registry, forWorkflowAt: nil)
        if let name {
            guard let action = registry.action(named: name) else {
                let hint = suggestion(for: name, among: registry.allNames).map { "; did you mean '\($0)'?" } ?? ""
                throw CommandFailure("unknown action '\(name)'\(hint)", status: .usage)
            }
            print(json ? action.declaration.json.rendered(pretty: true) : ActionTable.detail(action.declaration))
        } else if json {
            print(JSON.array(registry.declarations.map(\.json)).rendered(pretty: true))
        } else {
            print(ActionTable.list(registry.declarations))
        }
    }
}

/// The text `havenflow actions` prints.
enum ActionTable {
    static func list(_ declarations: [ActionDeclaration]) -> String {
        let width = declarations.map { title($0).count }.max() ?? 0
        return declarations.map { title($0).padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary }
            .joined(separator: "\n")
    }

    static func detail(_ declaration: ActionDeclaration) -> String {
        var lines = [title(declaration), declaration.summary, ""]
        lines.append(declaration.changesState ? "Changes state: yes (not run under --dry-run)" : "Changes state: no")
        lines.append("")
        lines.append("Inputs:")
        if declaration.inputs.isEmpty { lines.append("  (none)") }
        for input in declaration.inputs {
            var flags = [input.type.rawValue]
            if input.required { flags.append("required") }
            if input.secret { flags.append("secret") }
            if let value = input.defaultValue { flags.append("default \(value.rendered())") }
            if let allowed = input.allowed { flags.append("one of " + allowed.joined(separator: ", ")) }
            lines.append("  \(input.name) (\(flags.joined(separator: ", "))): \(input.description)")
        }
        lines.append("")
        lines.append("Outputs:")
        if declaration.outputs.isEmpty { lines.append("  (none)") }
        for output in declaration.outputs {
            lines.append("  \(output.name) (\(output.type.rawValue)): \(output.description)")
        }
        return lines.joined(separator: "\n")
    }

    private static func title(_ declaration: ActionDeclaration) -> String {
        declaration.aliases.isEmpty
            ? declaration.name : "\(declaration.name) (\(declaration.aliases.joined(separator: ", ")))"
    }
}
