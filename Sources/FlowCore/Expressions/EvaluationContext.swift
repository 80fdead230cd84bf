import JSONValue

/// The values expressions read: the contexts of the workflow language.
///
/// `steps` is kept as a dictionary of its own so the engine can add a step's record without copying
/// the rest of the context.
public struct EvaluationContext: Sendable {
    public var inputs: [String: JSON]
    public var vars: [String: JSON]
    public var env: [String: String]
    public var secrets: [String: String]
    /// `steps.ID` → `{outputs, status, error, results?}`.
    public var steps: [String: JSON]
    /// `run.id`, `run.name`, `run.status`, `run.started_at`.
    public var run: [String: JSON]
    /// The current `for_each` element and its index.
    public var item: JSON?
    public var index: Int?
    /// The `as:` name of the element.
    public var itemAlias: String?
    /// Whether any earlier step has failed (for `success()` and `failure()`).
    public var anyStepFailed: Bool

    public init(
        inputs: [String: JSON] = [:], vars: [String: JSON] = [:], env: [String: String] = [:],
        secrets: [String: String] = [:], steps: [String: JSON] = [:], run: [String: JSON] = [:],
        item: JSON? = nil, index: Int? = nil, itemAlias: String? = nil, anyStepFailed: Bool = false
    ) {
        self.inputs = inputs
        self.vars = vars
        self.env = env
        self.secrets = secrets
        self.steps = steps
        self.run = run
        self.item = item
        self.index = index
        self.itemAlias = itemAlias
        self.anyStepFailed = anyStepFailed
    }
}
