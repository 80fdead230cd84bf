import FlowCore
import JSONValue

/// Typed access to an action's evaluated inputs (an object). The loader has already checked types and
/// required inputs against the declaration; these accessors still fail with a sentence rather than trap.
struct ActionInputs: Sendable {
    let values: [String: JSON]

    init(_ input: JSON) {
        values = (input.objectValue ?? [:]).filter { !$0.value.isNull }
    }

    /// A required string input.
    func string(_ name: String) throws -> String {
        guard let value = values[name] else { throw ActionFailure("the input '\(name)' is required") }
        guard let text = value.stringValue else {
            throw ActionFailure("the input '\(name)' must be a string, not a \(value.typeName)")
        }
        return text
    }

    func optionalString(_ name: String) -> String? { values[name]?.stringValue }

    func bool(_ name: String, default defaultValue: Bool = false) -> Bool {
        values[name]?.boolValue ?? defaultValue
    }

    /// The input as given, when it is set and not null.
    func json(_ name: String) -> JSON? { values[name] }

    /// A list of strings, accepting one string for a one-element list.
    func strings(_ name: String) -> [String]? {
        switch values[name] {
        case .string(let value)?: [value]
        case .array(let elements)?: elements.compactMap(\.stringValue)
        default: nil
        }
    }

    /// A duration: `250ms`, `30s`, `5m`, `2h`, `1h30m`, or a number of seconds.
    func duration(_ name: String, default defaultValue: Duration) throws -> Duration {
        guard let value = values[name] else { return defaultValue }
        if let seconds = value.doubleValue, let duration = Duration(workflowSeconds: seconds) { return duration }
        if let text = value.stringValue, let duration = Duration(parsing: text) { return duration }
        throw ActionFailure("the input '\(name)' is not a duration (\(value.interpolated)); write e.g. 500ms, 30s, 5m or 1h30m")
    }
}
