import FlowCore
import HavenActions

/// The action packs `havenflow` ships: adding a pack is one line here.
enum ShippedPacks {
    static let all: [any ActionPack] = [HavenPack()]

    /// Every pack's declarations and block (no connection), for loading, `validate`, `schema`, `actions`.
    static var registry: ActionRegistry { ActionRegistry(packs: all) }
}
