import FlowCore

/// The registry `havenflow` uses: FlowCore's actions plus every Haven action and `notify`.
public enum StandardActions {
    /// Every action; the Haven ones send through `connection`. Without a connection (what `validate`,
    /// `schema` and `actions` use) the declarations are all there and a Haven action that runs fails with
    /// "no Haven endpoint configured".
    public static func registry(connection: HavenConnection?) -> ActionRegistry {
        ActionRegistry(CoreActions.all + havenActions(connection: connection) + [NotifyAction()])
    }

    /// The no-argument form, for declarations only.
    public static func registry() -> ActionRegistry {
        registry(connection: nil)
    }

    /// The Haven actions alone.
    public static func havenActions(connection: HavenConnection?) -> [any Action] {
        [
            CreateConnectorAction(connection: connection),
            DeleteAction(resource: DeleteAction.connector, connection: connection),
            CreateIndexAction(connection: connection),
            DeleteAction(resource: DeleteAction.index, connection: connection),
            IndexActions.listResources(connection),
            WaitJobAction(connection: connection),
            WaitConnectorAction(connection: connection),
            HavenAPIAction.make(connection),
        ] + ConnectorActions.all(connection: connection)
    }
}
