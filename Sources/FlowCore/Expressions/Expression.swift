import FlowYAML
import JSONValue

/// One parsed `${{ }}` expression with the position of its first character in the file.
/// (Contract; the parser and evaluator fill it in.)
public struct Expression: Sendable {
    /// The text between `${{` and `}}`, trimmed.
    public let source: String
    /// Where `source` starts in the file.
    public let mark: Mark

    /// Parses `source`; `mark` is the file position of its first character, so that errors point at
    /// the exact column inside the expression.
    public static func parse(_ source: String, at mark: Mark) throws(ExpressionError) -> Expression {
        throw ExpressionError(message: "expressions are not implemented yet", mark: mark)
    }

    /// Static problems: unknown contexts, functions, arity, steps that do not exist or come later,
    /// `item` outside `for_each`. Empty when the expression is fine in `scope`.
    public func check(in scope: ExpressionScope) -> [ExpressionError] { [] }

    /// Evaluates the expression; run-time problems (e.g. a property of null) throw a sentence that
    /// quotes the expression.
    public func evaluate(in context: EvaluationContext) throws(EvaluationError) -> JSON {
        throw EvaluationError(message: "expressions are not implemented yet", expression: source)
    }

    /// Whether the expression calls `always()`, `success()` or `failure()` (an `if` without one implies `success()`).
    public var usesStatusFunction: Bool { false }
}

/// A syntax or static error in an expression, at a file position.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var mark: Mark

    public init(message: String, mark: Mark) {
        self.message = message
        self.mark = mark
    }

    public var description: String { "\(mark): \(message)" }
}

/// A run-time evaluation failure: a sentence that shows the expression.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var expression: String

    public init(message: String, expression: String) {
        self.message = message
        self.expression = expression
    }

    public var description: String { "in ${{ \(expression) }}: \(message)" }
}

/// What names an expression may use at its place in the file.
public struct ExpressionScope: Sendable {
    /// Contexts available here, e.g. `inputs`, `vars`, `env`, `secrets`, `steps`, `run`.
    public var contexts: Set<String>
    /// Ids of the steps before this one (the only ones `steps.X` may name).
    public var earlierSteps: Set<String>
    /// `true` inside a `for_each` step (`item` and `index` allowed).
    public var inForEach: Bool
    /// The `as:` name of the element, if any.
    public var itemAlias: String?

    public init(
        contexts: Set<String> = ["inputs", "vars", "env", "secrets", "steps", "run"],
        earlierSteps: Set<String> = [], inForEach: Bool = false, itemAlias: String? = nil
    ) {
        self.contexts = contexts
        self.earlierSteps = earlierSteps
        self.inForEach = inForEach
        self.itemAlias = itemAlias
    }
}
