import JSONValue

/// `log`: prints a message to the console and the run log.
public struct LogAction: Action {
    public init() {}

    public var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "log", summary: "Print a message to the console and the run log.",
            inputs: [InputSpec("message", .any, required: true, description: "What to print; non-strings as JSON.")],
            changesState: false)
    }

    public func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        context.print(input["message"]?.interpolated ?? "")
        return [:]
    }
}
