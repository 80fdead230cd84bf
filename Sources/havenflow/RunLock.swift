import FlowCore

/// A workflow's run lock held by this process (docs/operations.md): taken before anything runs,
/// released when the run ends; a process that dies leaves it to be taken over.
struct RunLock {
    let store: StateStore
    let workflow: String
    let runID: String

    /// Takes the lock, or exits 3 naming the holder.
    static func take(_ workflow: String, runID: String, in store: StateStore) throws -> RunLock {
        switch try reporting({ () throws(StateStoreError) in try store.acquireLock(workflow: workflow, runID: runID) }) {
        case .held(let holder):
            throw CommandFailure(
                "workflow '\(workflow)' is locked by \(holder); nothing ran. Wait for that run to end, "
                    + "or use --no-lock to run anyway",
                status: .locked)
        case .acquired(let stale):
            if let stale {
                StandardError.write(
                    "note: took over the lock of workflow '\(workflow)' from \(stale), whose process is gone")
            }
            return RunLock(store: store, workflow: workflow, runID: runID)
        }
    }

    func release() {
        try? store.releaseLock(workflow: workflow, runID: runID)
    }
}
