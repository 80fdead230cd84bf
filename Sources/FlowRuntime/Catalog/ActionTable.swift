import FlowCore
import Foundation
import JSONValue

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
            var flags = [input.oneOrMany ? "list or one value" : input.type.rawValue]
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
