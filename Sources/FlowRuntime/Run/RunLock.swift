import FlowCore

/// A workflow's run lock held by this process (docs/operations.md): taken before anything runs, renewed
/// while the run goes on (a lease a holder on another host loses when it stops renewing), released when
/// the run ends; a process that dies leaves it to be taken over.
final class RunLock: Sendable {
    /// How long a lock stays ours without renewal, and how often it is renewed.
    static let lease = Duration.seconds(30)
    static let heartbeat = Duration.seconds(10)

    let store: any StateStore
    let workflow: String
    let runID: String
    private let renewal: Task<Void, Never>

    private init(store: any StateStore, workflow: String, runID: String) {
        self.store = store
        self.workflow = workflow
        self.runID = runID
        renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.heartbeat)
                guard !Task.isCancelled else { return }
                try? await store.renewLock(workflow: workflow, runID: runID, lease: Self.lease)
            }
        }
    }

    /// Takes the lock, or throws `.locked` naming the holder.
    static func take(_ workflow: String, runID: String, in store: any StateStore, report: (String) -> Void)
        async throws(RuntimeError) -> RunLock
    {
        let acquisition = try await storeCall { () async throws(StateStoreError) in
            try await store.acquireLock(workflow: workflow, runID: runID, lease: lease)
        }
        switch acquisition {
        case .held(let holder):
            throw RuntimeError(
                .locked,
                "workflow '\(workflow)' is locked by \(holder); nothing ran. Wait for that run to end, "
                    + "or use --no-lock to run anyway")
        case .acquired(let stale):
            if let stale {
                report("note: took over the lock of workflow '\(workflow)' from \(stale), whose process is gone")
            }
            return RunLock(store: store, workflow: workflow, runID: runID)
        }
    }

    func release() async {
        renewal.cancel()
        try? await store.releaseLock(workflow: workflow, runID: runID)
    }
}
