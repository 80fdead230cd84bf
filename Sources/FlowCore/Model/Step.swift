import FlowYAML
import JSONValue

/// One step of a workflow: an action, its inputs, and how to run it.
public struct Step: Sendable {
    /// The `id:` as written, or `nil`.
    public var id: String?
    /// A stable key for recording and display: the `id`, else `ACTION#N` with N its 1-based position
    /// in `steps` (or `finally#N` for the `finally` list).
    public var key: String
    public var name: String?
    /// The canonical action name (aliases resolved by the loader).
    public var action: String
    /// The action's inputs; each value may hold expressions.
    public var inputs: [(name: String, value: TemplateValue)]
    public var condition: Expression?
    public var forEach: ForEach?
    /// The effective retry policy (step's own, else the workflow default, else one attempt).
    public var retry: RetryPolicy
    /// The effective per-attempt time limit, if any.
    public var timeout: Duration?
    public var continueOnError: Bool
    /// Where the step's mapping starts in the file.
    public var mark: Mark

    public init(
        id: String? = nil, key: String, name: String? = nil, action: String,
        inputs: [(name: String, value: TemplateValue)] = [], condition: Expression? = nil, forEach: ForEach? = nil,
        retry: RetryPolicy = RetryPolicy(), timeout: Duration? = nil, continueOnError: Bool = false,
        mark: Mark = Mark(line: 1, column: 1)
    ) {
        self.id = id
        self.key = key
        self.name = name
        self.action = action
        self.inputs = inputs
        self.condition = condition
        self.forEach = forEach
        self.retry = retry
        self.timeout = timeout
        self.continueOnError = continueOnError
        self.mark = mark
    }

    /// The display name: `name`, else `id`, else the key.
    public var title: String { name ?? key }
}

/// The `for_each` part of a step.
public struct ForEach: Sendable {
    /// Must evaluate to a list.
    public var items: TemplateValue
    /// The `as:` name for the element, besides `item`.
    public var alias: String?
    /// The `where:` filter, evaluated per element with `item` in scope.
    public var filter: Expression?
    public var concurrency: Int
    public var failFast: Bool

    public init(
        items: TemplateValue, alias: String? = nil, filter: Expression? = nil, concurrency: Int = 1,
        failFast: Bool = false
    ) {
        self.items = items
        self.alias = alias
        self.filter = filter
        self.concurrency = concurrency
        self.failFast = failFast
    }
}
