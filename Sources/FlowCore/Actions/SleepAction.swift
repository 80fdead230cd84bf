import JSONValue

/// `sleep`: waits, cancellable.
public struct SleepAction: Action {
    public init() {}

    public var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "sleep", summary: "Wait for a while.",
            inputs: [
                InputSpec("duration", .duration, required: true, description: "How long: 250ms, 30s, 5m, or seconds.")
            ],
            changesState: false)
    }

    public func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        guard let duration = input["duration"].flatMap(Self.duration(from:)) else {
            throw ActionFailure("sleep: 'duration' must be a duration such as 250ms, 30s or 5m, or a number of seconds")
        }
        try await Task.sleep(for: duration)
        return [:]
    }

    /// A duration in the one grammar (`250ms`, `30s`, `5m`, `1h30m`, see `Duration(parsing:)`), or a number
    /// of seconds.
    static func duration(from value: JSON) -> Duration? {
        if let seconds = value.doubleValue { return Duration(workflowSeconds: seconds) }
        return value.stringValue.flatMap(Duration.init(parsing:))
    }
}
