import JSONValue

/// Placeholder outputs for actions not called under `--dry-run`, typed from their declarations so that
/// later steps still evaluate: strings `<dry-run:NAME>`, numbers `0`, booleans `false`, lists `[]`,
/// objects `{}`, durations `"0s"`, anything else the string placeholder.
enum DryRun {
    static func placeholder(for declaration: ActionDeclaration) -> JSON {
        var members: [String: JSON] = [:]
        for output in declaration.outputs {
            members[output.name] =
                switch output.type {
                case .number, .integer: 0
                case .boolean: false
                case .list: []
                case .object: [:]
                case .duration: "0s"
                case .string, .any: .string("<dry-run:\(output.name)>")
                }
        }
        return .object(members)
    }
}
