import Foundation
import FlowCore

/// Renews a lease (a run lock, the scheduler lease) every `interval` until stopped. A renewal that finds
/// the lease taken over calls `lost` once and stops; other failures (the store briefly unreachable) are
/// tried again at the next beat, while the lease still runs.
struct Heartbeat: Sendable {
    /// How long a lease lasts without renewal: 30 s, or `HAVENFLOW_LEASE` (a duration such as `3s`, for
    /// tests of takeover that should not wait half a minute; docs/operations.md).
    static let lease = ProcessInfo.processInfo.environment["HAVENFLOW_LEASE"].flatMap { Duration(parsing: $0) }
        .flatMap { $0 > .zero ? $0 : nil } ?? .seconds(30)
    /// How often it is renewed: a third of the lease (10 s by default).
    static let interval = lease / 3

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
