import FlowYAML
import JSONValue

/// One parsed `${{ }}` expression with the position of its first character in the file.
public struct Expression: Sendable {
    /// The text between `${{` and `}}`, trimmed.
    public let source: String
    /// Where `source` starts in the file.
    public let mark: Mark

    /// The syntax tree, parsed once.
    let root: ExpressionNode
    private let callsStatusFunction: Bool

    private init(source: String, mark: Mark, root: ExpressionNode) {
        self.source = source
        self.mark = mark
        self.root = root
        self.callsStatusFunction = root.usesStatusFunction
    }

    /// Parses `source`; `mark` is the file position of its first character, so that errors point at
    /// the exact column inside the expression. Surrounding white space is trimmed (and `mark` moved).
    public static func parse(_ source: String, at mark: Mark) throws(ExpressionError) -> Expression {
        let (trimmed, leading) = source.trimmingBlanks()
        let start = leading == 0 ? mark : Self.mark(at: leading, in: source, from: mark)
        do throws(ExpressionSyntaxError) {
            let root = try ExpressionParser.parse(trimmed)
            return Expression(source: trimmed, mark: start, root: root)
        } catch {
            throw ExpressionError(message: error.message, mark: Self.mark(at: error.offset, in: trimmed, from: start))
        }
    }

    /// Static problems: unknown contexts, functions, arity, steps that do not exist or come later,
    /// `item` outside `for_each`. Empty when the expression is fine in `scope`.
    public func check(in scope: ExpressionScope) -> [ExpressionError] {
        var checker = ExpressionChecker(scope: scope)
        checker.check(root)
        return checker.problems.map { ExpressionError(message: $0.message, mark: mark(at: $0.offset)) }
    }

    /// Evaluates the expression; run-time problems (e.g. arithmetic on a string) throw a sentence that
    /// quotes the expression.
    public func evaluate(in context: EvaluationContext) throws(EvaluationError) -> JSON {
        do throws(ExpressionFailure) {
            return try root.evaluate(in: context)
        } catch {
            throw EvaluationError(message: error.message, expression: source)
        }
    }

    /// Whether the expression calls `always()`, `success()` or `failure()` (an `if` without one implies `success()`).
    public var usesStatusFunction: Bool { callsStatusFunction }

    /// The file position of the scalar at `offset` in `source`.
    public func mark(at offset: Int) -> Mark {
        Self.mark(at: offset, in: source, from: mark)
    }

    /// Counts `offset` Unicode scalars of `text` from `start`: columns on the first line, and after a
    /// line break, lines and columns from 1 (indentation YAML removed from a block scalar is not counted).
    static func mark(at offset: Int, in text: String, from start: Mark) -> Mark {
        var position = start
        for scalar in text.unicodeScalars.prefix(offset) {
            if scalar == "\n" {
                position = Mark(line: position.line + 1, column: 1)
            } else {
                position.column += 1
            }
        }
        return position
    }
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
    /// `true` in a step's `if`, the one place `always()`, `success()` and `failure()` mean something.
    public var statusFunctions: Bool

    public init(
        contexts: Set<String> = ["inputs", "vars", "env", "secrets", "steps", "run"],
        earlierSteps: Set<String> = [], inForEach: Bool = false, itemAlias: String? = nil,
        statusFunctions: Bool = false
    ) {
        self.contexts = contexts
        self.earlierSteps = earlierSteps
        self.inForEach = inForEach
        self.itemAlias = itemAlias
        self.statusFunctions = statusFunctions
    }
}
