/// What an expression reads, from its syntax tree (for the engine and the loader: the secrets a run
/// needs, the steps a step depends on).
extension Expression {
    /// The names `N` the expression reads as `context.N` or `context['N']`, e.g. `members(of: "secrets")`
    /// or `members(of: "steps")`. Names computed at run time (`secrets[inputs.x]`) cannot be known and
    /// are not included; `usesWhole(context:)` tells whether the expression reads that way.
    public func members(of context: String) -> Set<String> {
        var names: Set<String> = []
        root.visit { node in
            if case .member(.context(let root, _), let name, _) = node, root.name == context { names.insert(name) }
        }
        return names
    }

    /// Whether the expression reads `context` other than through literal names: the whole context
    /// (`toJSON(secrets)`), a computed name (`secrets[inputs.which]`) or all members (`secrets.*`).
    public func usesWhole(context: String) -> Bool {
        var uses = 0
        var named = 0
        root.visit { node in
            switch node {
            case .context(let root, _) where root.name == context: uses += 1
            case .member(.context(let root, _), _, _) where root.name == context: named += 1
            default: break
            }
        }
        return uses > named
    }
}

extension ExpressionNode {
    /// Calls `body` on this node and every node below it.
    func visit(_ body: (ExpressionNode) -> Void) {
        body(self)
        switch self {
        case .literal, .context:
            break
        case .member(let base, _, _), .wildcard(let base), .not(let base), .negate(let base):
            base.visit(body)
        case .index(let left, let right), .and(let left, let right), .or(let left, let right),
            .binary(_, let left, let right):
            left.visit(body)
            right.visit(body)
        case .call(let call):
            for argument in call.arguments { argument.visit(body) }
        }
    }
}
