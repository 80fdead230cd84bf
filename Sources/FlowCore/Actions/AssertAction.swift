import JSONValue

/// `assert`: fails the step when its condition is false.
public struct AssertAction: Action {
    public init() {}

    public var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "assert", summary: "Fail the step unless a condition holds.",
            inputs: [
                InputSpec("that", .boolean, required: true, description: "The condition, as an expression: ${{ … }}."),
                InputSpec("message", .string, description: "The failure message."),
            ],
            changesState: false)
    }

    public func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        let message = input["message"]?.interpolated
        switch input["that"] ?? .null {
        case .bool(true):
            return [:]
        case .bool(false):
            throw ActionFailure(message ?? "the assertion failed", code: "assertion")
        case .string(let text):
            throw ActionFailure(
                "assert: 'that' is the string '\(text)', not a condition: write it as an expression, ${{ … }}",
                code: "assertion")
        case let value:
            guard value.truthy else { throw ActionFailure(message ?? "the assertion failed", code: "assertion") }
            return [:]
        }
    }
}
