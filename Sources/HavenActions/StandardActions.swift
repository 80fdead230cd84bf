import FlowCore

/// The registry `havenflow` uses: FlowCore's actions plus every Haven action and `notify`.
/// (Contract; the actions work fills it in.)
public enum StandardActions {
    public static func registry() -> ActionRegistry {
        ActionRegistry(CoreActions.all)
    }
}
