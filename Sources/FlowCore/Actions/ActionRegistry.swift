/// The actions a workflow may use, by name and alias, and the top-level blocks action packs claim. A
/// value: build one and pass it in.
public struct ActionRegistry: Sendable {
    private var actions: [String: any Action] = [:]
    private var canonical: [String: String] = [:]
    /// The blocks packs claim, in registration order (a later one with the same key replaces it).
    public private(set) var configurations: [PackConfiguration] = []

    public init(_ actions: [any Action] = [], configurations: [PackConfiguration] = []) {
        for action in actions { register(action) }
        for configuration in configurations { register(configuration) }
    }

    /// FlowCore's actions (`CoreActions.all`) plus each pack's actions (unconnected) and block.
    public init(packs: [any ActionPack]) {
        self.init(CoreActions.all + packs.flatMap(\.actions), configurations: packs.compactMap(\.configuration))
    }

    /// Adds `action` under its name and aliases, replacing any action registered under the same names.
    public mutating func register(_ action: any Action) {
        let declaration = action.declaration
        actions[declaration.name] = action
        canonical[declaration.name] = declaration.name
        for alias in declaration.aliases { canonical[alias] = declaration.name }
    }

    /// Claims a top-level key for `configuration`, replacing any block claimed under the same key.
    public mutating func register(_ configuration: PackConfiguration) {
        configurations.removeAll { $0.key == configuration.key }
        configurations.append(configuration)
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

    /// A registry with `other`'s actions and blocks added to these (`other`'s win on the same name or key).
    public func merging(_ other: ActionRegistry) -> ActionRegistry {
        var merged = self
        for action in other.actions.values { merged.register(action) }
        for configuration in other.configurations { merged.register(configuration) }
        return merged
    }
}
