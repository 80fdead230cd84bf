import JSONValue

/// The syntax tree of an expression. Offsets count Unicode scalars from the start of the source; only
/// the nodes the checker reports on carry one.
indirect enum ExpressionNode: Sendable {
    case literal(JSON)
    /// A context name at the root of a path: `inputs`, `steps`, `item`, or an `as:` alias.
    case context(ExpressionContext, offset: Int)
    /// `base.name` or `base['name']`; `offset` is where the name is written.
    case member(ExpressionNode, String, offset: Int)
    /// `base[key]` with a computed key.
    case index(ExpressionNode, ExpressionNode)
    /// `base.*` or `base[*]`: the following accesses map over the elements.
    case wildcard(ExpressionNode)
    case not(ExpressionNode)
    case negate(ExpressionNode)
    case and(ExpressionNode, ExpressionNode)
    case or(ExpressionNode, ExpressionNode)
    case binary(BinaryOperator, ExpressionNode, ExpressionNode)
    case call(FunctionCall)
}

/// The name at the root of a path.
enum ExpressionContext: Sendable, Hashable {
    case inputs, vars, env, secrets, steps, run, item, index
    /// An `as:` alias, or a name the checker reports as unknown.
    case named(String)

    init(_ name: String) {
        self =
            switch name {
            case "inputs": .inputs
            case "vars": .vars
            case "env": .env
            case "secrets": .secrets
            case "steps": .steps
            case "run": .run
            case "item": .item
            case "index": .index
            default: .named(name)
            }
    }

    var name: String {
        switch self {
        case .inputs: "inputs"
        case .vars: "vars"
        case .env: "env"
        case .secrets: "secrets"
        case .steps: "steps"
        case .run: "run"
        case .item: "item"
        case .index: "index"
        case .named(let name): name
        }
    }

    /// The contexts a workflow may list in `ExpressionScope.contexts`.
    static let scoped = ["inputs", "vars", "env", "secrets", "steps", "run"]
    /// The fields of `steps.ID` and of `run`.
    static let stepFields = ["outputs", "status", "error", "results"]
    static let runFields = ["id", "name", "status", "started_at"]
}

enum BinaryOperator: Sendable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    case add, subtract, multiply, divide, remainder

    var symbol: String {
        switch self {
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .remainder: "%"
        }
    }
}

/// `name(arguments…)`; `function` is `nil` for a name that is not a function (the checker reports it).
struct FunctionCall: Sendable {
    var function: ExpressionFunction?
    var name: String
    var arguments: [ExpressionNode]
    var offset: Int
}

extension ExpressionNode {
    /// Whether the expression calls `always()`, `success()` or `failure()` anywhere.
    var usesStatusFunction: Bool {
        switch self {
        case .literal, .context: false
        case .member(let base, _, _), .wildcard(let base), .not(let base), .negate(let base):
            base.usesStatusFunction
        case .index(let left, let right), .and(let left, let right), .or(let left, let right),
            .binary(_, let left, let right):
            left.usesStatusFunction || right.usesStatusFunction
        case .call(let call):
            call.function?.isStatusFunction == true || call.arguments.contains(where: \.usesStatusFunction)
        }
    }
}
