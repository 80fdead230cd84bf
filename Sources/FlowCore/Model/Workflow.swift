import FlowYAML
import JSONValue

/// A loaded, validated workflow file: what `WorkflowLoader` produces and `Engine` runs.
public struct Workflow: Sendable {
    public var name: String
    public var description: String?
    /// The path the workflow was loaded from, as given.
    public var file: String
    public var triggers: Triggers?
    public var inputs: [InputDeclaration]
    /// The `vars` block, in file order; values may hold expressions over `inputs` and `env`.
    public var vars: [(name: String, value: TemplateValue)]
    /// The blocks of the top-level keys action packs claim, by key (absent when the file has none).
    public var configuration: [String: ConfigurationBlock]
    public var defaults: StepDefaults
    public var steps: [Step]
    public var finally: [Step]

    public init(
        name: String, description: String? = nil, file: String, triggers: Triggers? = nil,
        inputs: [InputDeclaration] = [], vars: [(name: String, value: TemplateValue)] = [],
        configuration: [String: ConfigurationBlock] = [:], defaults: StepDefaults = StepDefaults(),
        steps: [Step], finally: [Step] = []
    ) {
        self.name = name
        self.description = description
        self.file = file
        self.triggers = triggers
        self.inputs = inputs
        self.vars = vars
        self.configuration = configuration
        self.defaults = defaults
        self.steps = steps
        self.finally = finally
    }
}

/// One declared workflow input (`inputs:`).
public struct InputDeclaration: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case string, number, boolean, list, object
    }

    public var name: String
    public var type: Kind
    public var defaultValue: JSON?
    public var required: Bool
    public var description: String?
    public var mark: Mark

    public init(
        name: String, type: Kind, defaultValue: JSON? = nil, required: Bool = false, description: String? = nil,
        mark: Mark = Mark(line: 1, column: 1)
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.required = required
        self.description = description
        self.mark = mark
    }
}

/// The `defaults:` block: applied to every step that does not set its own.
public struct StepDefaults: Sendable {
    public var retry: RetryPolicy?
    public var timeout: Duration?

    public init(retry: RetryPolicy? = nil, timeout: Duration? = nil) {
        self.retry = retry
        self.timeout = timeout
    }
}
