import FlowCore
import JSONValue

/// Declarations of the spec's built-in actions, for loader tests (they never run).
struct DeclaredOnlyAction: Action {
    let declaration: ActionDeclaration

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        throw ActionFailure("'\(declaration.name)' is declared for loader tests only")
    }
}

enum TestActions {
    static let registry = ActionRegistry(declarations.map(DeclaredOnlyAction.init), configurations: [connection])

    /// A pack's block as the fixtures use it (the spec's `haven:`); FlowCore knows it only from here.
    static let connection = PackConfiguration(
        key: "haven", description: "The API connection.",
        fields: [
            .init("endpoint", .text),
            .init("apikey", .text, literalWarning: "the API key is written in the file; use ${{ secrets.HAVEN_APIKEY }} instead"),
            .init("timeout", .duration), .init("rate_limit", .positiveNumber), .init("max_connections", .positiveInteger),
        ])

    static let declarations: [ActionDeclaration] = [
        ActionDeclaration(
            name: "create-connector", aliases: ["create"], summary: "Create a connector.",
            inputs: [
                InputSpec("connector", .string, required: true, description: "Connector name."),
                InputSpec("flavor", .string, required: true, description: "Connector flavor."),
                InputSpec("config", .object, required: true, description: "Flavor configuration."),
                InputSpec("destination", .object, required: true, description: "Where documents go."),
                InputSpec("schedule", .object, description: "Connector schedule."),
                InputSpec("credentials", .string, secret: true, description: "Credentials."),
                InputSpec("credentials_policy", .object, description: "Credentials policy."),
                InputSpec("description", .string, description: "Description."),
                InputSpec("async", .boolean, description: "Return a job id at once.", default: false),
            ], changesState: true),
        ActionDeclaration(
            name: "delete-connector", summary: "Delete a connector.",
            inputs: [
                InputSpec("connector", .string, required: true, description: "Connector name."),
                InputSpec("missing_ok", .boolean, description: "Succeed when it does not exist.", default: false),
                InputSpec("async", .boolean, description: "Return a job id at once."),
            ], changesState: true),
        ActionDeclaration(
            name: "create-index", summary: "Create a text index.",
            inputs: [
                InputSpec("index", .string, required: true, description: "Index name."),
                InputSpec("flavor", .string, description: "Index flavor.", allowed: ["standard", "explorer", "custom_fields"]),
            ], changesState: true),
        ActionDeclaration(
            name: "wait-job", summary: "Wait for an asynchronous job.",
            inputs: [
                InputSpec("job", .string, required: true, description: "Job id."),
                InputSpec("interval", .duration, description: "First poll interval."),
                InputSpec("timeout", .duration, description: "Give up after this long."),
            ], changesState: false),
        ActionDeclaration(
            name: "haven", summary: "Call any Haven API.",
            inputs: [
                InputSpec("api", .string, required: true, description: "API name."),
                InputSpec("params", .object, description: "Parameters."),
                InputSpec("retries", .integer, description: "Extra attempts."),
                InputSpec("weight", .number, description: "Relative weight."),
                InputSpec("tags", .list, description: "Tags."),
            ], changesState: true),
        ActionDeclaration(
            name: "notify", summary: "Send a notification.",
            inputs: [
                InputSpec("message", .string, required: true, description: "Text."),
                InputSpec("webhook", .string, secret: true, description: "Webhook URL."),
                InputSpec("file", .string, description: "File to append to."),
                InputSpec("stdout", .boolean, description: "Print it."),
                InputSpec("title", .string, description: "Title."),
                InputSpec("level", .string, description: "Level.", allowed: ["info", "warning", "error"]),
            ], changesState: true),
        ActionDeclaration(
            name: "log", summary: "Print a message.",
            inputs: [InputSpec("message", .string, required: true, description: "Text.")], changesState: false),
        ActionDeclaration(
            name: "assert", summary: "Fail when a condition is false.",
            inputs: [
                InputSpec("that", .any, required: true, description: "Condition."),
                InputSpec("message", .string, description: "Why."),
            ], changesState: false),
        ActionDeclaration(
            name: "sleep", summary: "Wait.",
            inputs: [InputSpec("duration", .duration, required: true, description: "How long.")],
            changesState: false),
        ActionDeclaration(
            name: "fail", summary: "Always fail.",
            inputs: [InputSpec("message", .string, required: true, description: "Why.")], changesState: false),
        ActionDeclaration(name: "noop", summary: "Do nothing.", changesState: false),
    ]
}
