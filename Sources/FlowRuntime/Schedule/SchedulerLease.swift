import FlowCore

/// The one scheduler of a state store, through the store's lease (docs/operations.md): taken before
/// anything fires, renewed while the scheduler runs, released when it stops; a scheduler that dies
/// leaves it to be taken over.
final class SchedulerLease: Sendable {
    static let lease = Duration.seconds(30)
    static let heartbeat = Duration.seconds(10)

    private let store: any StateStore
    private let renewal: Task<Void, Never>

    private init(store: any StateStore) {
        self.store = store
        renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.heartbeat)
                guard !Task.isCancelled else { return }
                try? await store.renewSchedulerLease(lease: Self.lease)
            }
        }
    }

    /// Takes the lease, or throws `.locked` naming the holder.
    static func take(store: any StateStore, state: StateDirectory) async throws(RuntimeError) -> SchedulerLease {
        let acquisition = try await storeCall { () async throws(StateStoreError) in
            try await store.acquireSchedulerLease(lease: lease)
        }
        if case .held(let holder) = acquisition {
            throw RuntimeError(
                .locked,
                "another scheduler is running on the state directory \(state.path) (\(holder)); nothing was fired")
        }
        return SchedulerLease(store: store)
    }

    func release() async {
        renewal.cancel()
        try? await store.releaseSchedulerLease()
    }
}
