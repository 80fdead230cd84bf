import JSONValue

/// The static checks of an expression against the names in scope at its place in the file.
struct ExpressionChecker {
    let scope: ExpressionScope
    /// Problems with their offsets in the source.
    private(set) var problems: [(message: String, offset: Int)] = []

    init(scope: ExpressionScope) {
        self.scope = scope
    }

    mutating func check(_ node: ExpressionNode) {
        switch node {
        case .literal:
            break
        case .context(let context, let offset):
            checkContext(context, at: offset)
        case .member(.context(.steps, let offset), let id, let idOffset):
            checkContext(.steps, at: offset)
            checkStep(id, at: idOffset)
        case .member(.member(.context(.steps, let offset), let id, let idOffset), let field, let fieldOffset):
            checkContext(.steps, at: offset)
            if checkStep(id, at: idOffset) {
                checkField(field, of: "step '\(id)'", among: ExpressionContext.stepFields, at: fieldOffset)
            }
        case .member(.context(.run, let offset), let field, let fieldOffset):
            checkContext(.run, at: offset)
            if scope.contexts.contains("run") {
                checkField(field, of: "run", among: ExpressionContext.runFields, at: fieldOffset)
            }
        case .member(let base, _, _), .wildcard(let base), .not(let base), .negate(let base):
            check(base)
        case .index(let left, let right), .and(let left, let right), .or(let left, let right),
            .binary(_, let left, let right):
            check(left)
            check(right)
        case .call(let call):
            checkCall(call)
            for argument in call.arguments { check(argument) }
        }
    }

    private mutating func report(_ message: String, at offset: Int) {
        problems.append((message, offset))
    }

    private mutating func checkContext(_ context: ExpressionContext, at offset: Int) {
        switch context {
        case .item, .index:
            if !scope.inForEach { report("'\(context.name)' can only be used inside a for_each step", at: offset) }
        case .named(let name):
            if scope.inForEach, name == scope.itemAlias { return }
            var known = ExpressionContext.scoped + ["item", "index"]
            if let alias = scope.itemAlias { known.append(alias) }
            report("unknown context '\(name)'" + Self.hint(suggestion(for: name, among: known)), at: offset)
        default:
            if !scope.contexts.contains(context.name) {
                let available = ExpressionContext.scoped.filter(scope.contexts.contains)
                let list = available.isEmpty ? "none" : available.joined(separator: ", ")
                report("the context '\(context.name)' is not available here (available: \(list))", at: offset)
            }
        }
    }

    /// Reports `steps.ID` when ID is not an earlier step; returns whether the step is known.
    @discardableResult
    private mutating func checkStep(_ id: String, at offset: Int) -> Bool {
        guard scope.contexts.contains("steps") else { return false }
        if scope.earlierSteps.contains(id) { return true }
        let hint = Self.hint(suggestion(for: id, among: scope.earlierSteps.sorted()))
        report("step '\(id)' does not exist or comes later" + hint, at: offset)
        return false
    }

    private mutating func checkField(_ field: String, of owner: String, among fields: [String], at offset: Int) {
        if fields.contains(field) { return }
        if let guess = suggestion(for: field, among: fields) {
            report("\(owner) has no field '\(field)'; did you mean '\(guess)'?", at: offset)
        } else {
            let list = fields.dropLast().joined(separator: ", ") + " and " + fields.last!
            report("\(owner) has no field '\(field)' (it has \(list))", at: offset)
        }
    }

    private mutating func checkCall(_ call: FunctionCall) {
        guard let function = call.function else {
            let hint = Self.hint(suggestion(for: call.name, among: ExpressionFunction.allCases.map(\.rawValue)))
            report("unknown function '\(call.name)'" + hint, at: call.offset)
            return
        }
        if function.isStatusFunction && !scope.statusFunctions {
            report(
                "'\(call.name)()' is a status function: it can only be used in a step's 'if' "
                    + "(elsewhere use run.status or steps.ID.status)", at: call.offset)
            return
        }
        if let problem = function.arityProblem(call.arguments.count) {
            report(problem, at: call.offset)
        } else if function == .format, case .literal(.string(let pattern)) = call.arguments[0],
            let problem = ExpressionFormat.problem(in: pattern, argumentCount: call.arguments.count - 1)
        {
            report(problem, at: call.offset)
        }
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}
