/// Renews a lease (a run lock, the scheduler lease) every `interval` until stopped. A renewal that finds
/// the lease taken over calls `lost` once and stops; other failures (the store briefly unreachable) are
/// tried again at the next beat, while the lease still runs.
struct Heartbeat: Sendable {
    /// How long a lease lasts without renewal, and how often it is renewed.
    static let lease = Duration.seconds(30)
    static let interval = Duration.seconds(10)

    private let task: Task<Void, Never>

    init(
        renew: @escaping @Sendable () async throws(StateStoreError) -> Void,
        lost: @escaping @Sendable (StateStoreError) async -> Void
    ) {
        task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.interval)
                guard !Task.isCancelled else { return }
                do throws(StateStoreError) {
                    try await renew()
                } catch {
                    guard error.isLeaseLost else { continue }
                    await lost(error)
                    return
                }
            }
        }
    }

    func stop() { task.cancel() }
}
