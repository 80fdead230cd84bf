import JSONValue

/// Everything the loader, `havenflow actions`, `havenflow schema` and `--dry-run` know of an action.
public struct ActionDeclaration: Sendable, Hashable {
    public var name: String
    public var aliases: [String]
    /// One line, for `havenflow actions`.
    public var summary: String
    public var inputs: [InputSpec]
    public var outputs: [OutputSpec]
    /// Whether running it changes anything outside HavenFlow (such actions are not run under `--dry-run`).
    public var changesState: Bool

    public init(
        name: String, aliases: [String] = [], summary: String, inputs: [InputSpec] = [],
        outputs: [OutputSpec] = [], changesState: Bool
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.inputs = inputs
        self.outputs = outputs
        self.changesState = changesState
    }

    public func input(named name: String) -> InputSpec? { inputs.first { $0.name == name } }
}

/// The type of an action input or output.
public enum ValueType: String, Sendable, Hashable, CaseIterable, Codable {
    case string, number, integer, boolean, list, object, duration, any
}

/// One input an action accepts.
public struct InputSpec: Sendable, Hashable {
    public var name: String
    public var type: ValueType
    public var required: Bool
    /// Masked everywhere, like `secrets.*`.
    public var secret: Bool
    public var description: String
    public var defaultValue: JSON?
    /// Allowed values, when the input is an enumeration.
    public var allowed: [String]?
    /// A `list` input that also takes one value, as a one-element list (for an API parameter that takes one
    /// or many values). The engine hands the action a list either way.
    public var oneOrMany: Bool

    public init(
        _ name: String, _ type: ValueType, required: Bool = false, secret: Bool = false, description: String,
        default defaultValue: JSON? = nil, allowed: [String]? = nil, oneOrMany: Bool = false
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.secret = secret
        self.description = description
        self.defaultValue = defaultValue
        self.allowed = allowed
        self.oneOrMany = oneOrMany
    }

    /// The value the action receives: for a one-or-many input, a single value becomes a one-element list.
    public func normalized(_ value: JSON) -> JSON {
        guard oneOrMany, type == .list else { return value }
        switch value {
        case .string, .number, .bool: return .array([value])
        case .null, .array, .object: return value
        }
    }
}

/// One field of an action's output object.
public struct OutputSpec: Sendable, Hashable {
    public var name: String
    public var type: ValueType
    public var description: String

    public init(_ name: String, _ type: ValueType, description: String) {
        self.name = name
        self.type = type
        self.description = description
    }
}
