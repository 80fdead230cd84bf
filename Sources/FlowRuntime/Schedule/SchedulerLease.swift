import FlowCore

/// The one scheduler of a state store, through the store's lease (docs/operations.md): taken before
/// anything fires, renewed while the scheduler runs, released when it stops; a scheduler that dies
/// leaves it to be taken over, and one that finds it taken over stops firing (`lost`).
final class SchedulerLease: Sendable {
    private let store: any StateStore
    private let heartbeat: Heartbeat

    private init(store: any StateStore, lost: @escaping @Sendable (StateStoreError) async -> Void) {
        self.store = store
        heartbeat = Heartbeat(
            renew: { () async throws(StateStoreError) in try await store.renewSchedulerLease(lease: Heartbeat.lease) },
            lost: lost)
    }

    /// Takes the lease, or throws `.locked` naming the holder.
    static func take(
        store: any StateStore, state: StateDirectory, lost: @escaping @Sendable (StateStoreError) async -> Void
    ) async throws(RuntimeError) -> SchedulerLease {
        let acquisition = try await storeCall { () async throws(StateStoreError) in
            try await store.acquireSchedulerLease(lease: Heartbeat.lease)
        }
        if case .held(let holder) = acquisition {
            throw RuntimeError(
                .locked, "another scheduler is running on the state directory \(state.path) (\(holder)); nothing was fired")
        }
        return SchedulerLease(store: store, lost: lost)
    }

    func release() async {
        heartbeat.stop()
        try? await store.releaseSchedulerLease()
    }
}
