/// The actions a workflow may use, by name and alias. A value: build one and pass it in.
public struct ActionRegistry: Sendable {
    private var actions: [String: any Action] = [:]
    private var canonical: [String: String] = [:]

    public init(_ actions: [any Action] = []) {
        for action in actions { register(action) }
    }

    /// Adds `action` under its name and aliases, replacing any action registered under the same names.
    public mutating func register(_ action: any Action) {
        let declaration = action.declaration
        actions[declaration.name] = action
        canonical[declaration.name] = declaration.name
        for alias in declaration.aliases { canonical[alias] = declaration.name }
    }

    /// The action registered under `name` or an alias of it.
    public func action(named name: String) -> (any Action)? {
        canonical[name].flatMap { actions[$0] }
    }

    /// The canonical name for a name or alias.
    public func canonicalName(for name: String) -> String? { canonical[name] }

    /// Every name and alias, for did-you-mean suggestions.
    public var allNames: [String] { canonical.keys.sorted() }

    /// Declarations sorted by name.
    public var declarations: [ActionDeclaration] {
        actions.values.map(\.declaration).sorted { $0.name < $1.name }
    }

    /// A registry with `other`'s actions added to these.
    public func merging(_ other: ActionRegistry) -> ActionRegistry {
        var merged = self
        for action in other.actions.values { merged.register(action) }
        return merged
    }
}
