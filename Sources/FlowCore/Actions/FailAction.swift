import JSONValue

/// `fail`: always fails, with a message.
public struct FailAction: Action {
    public init() {}

    public var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "fail", summary: "Fail the step with a message.",
            inputs: [InputSpec("message", .string, required: true, description: "Why.")],
            changesState: false)
    }

    public func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        throw ActionFailure(input["message"]?.interpolated ?? "failed on purpose", code: "fail")
    }
}
