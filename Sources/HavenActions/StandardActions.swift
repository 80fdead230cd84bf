import FlowCore

/// The registry of an embedding program that does not go through FlowRuntime: FlowCore's actions plus the
/// Haven pack (its actions, `notify`, and the `haven:` block).
public enum StandardActions {
    /// Every action; the Haven ones send through `connection`. Without a connection (what `validate`,
    /// `schema` and `actions` use) the declarations are all there and a Haven action that runs fails with
    /// "no Haven endpoint configured".
    public static func registry(connection: HavenConnection?) -> ActionRegistry {
        ActionRegistry(packs: [HavenPack()]).merging(ActionRegistry(HavenPack.actions(connection: connection)))
    }

    /// The no-argument form, for declarations only.
    public static func registry() -> ActionRegistry {
        registry(connection: nil)
    }
}
