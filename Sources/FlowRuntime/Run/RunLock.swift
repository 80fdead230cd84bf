import FlowCore

/// A workflow's run lock held by this process (docs/operations.md): taken before anything runs, renewed
/// while the run goes on (a lease a holder on another host loses when it stops renewing), released when
/// the run ends; a process that dies leaves it to be taken over.
final class RunLock: Sendable {
    let store: any StateStore
    let workflow: String
    let runID: String
    private let heartbeat: Heartbeat

    private init(store: any StateStore, workflow: String, runID: String, report: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.workflow = workflow
        self.runID = runID
        heartbeat = Heartbeat(
            renew: { () async throws(StateStoreError) in
                try await store.renewLock(workflow: workflow, runID: runID, lease: Heartbeat.lease)
            },
            lost: { error in report("warning: \(error); another run of '\(workflow)' may start while this one goes on") })
    }

    /// Takes the lock, or throws `.locked` naming the holder.
    static func take(
        _ workflow: String, runID: String, in store: any StateStore, report: @escaping @Sendable (String) -> Void
    ) async throws(RuntimeError) -> RunLock {
        let acquisition = try await storeCall { () async throws(StateStoreError) in
            try await store.acquireLock(workflow: workflow, runID: runID, lease: Heartbeat.lease)
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
            return RunLock(store: store, workflow: workflow, runID: runID, report: report)
        }
    }

    func release() async {
        heartbeat.stop()
        try? await store.releaseLock(workflow: workflow, runID: runID)
    }
}
