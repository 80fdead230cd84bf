import FlowCore
import FlowRuntime

/// A workflow's run lock held by this process (docs/operations.md): taken before anything runs,
/// renewed while the run goes on, released when the run ends; a process that dies leaves it to be
/// taken over.
struct RunLock {
    /// How long the lock holds without a renewal, and how often it is renewed.
    static let lease = Duration.seconds(30)
    static let renewal = Duration.seconds(10)

    let store: any StateStore
    let workflow: String
    let runID: String
    private let renewing: Task<Void, Never>

    /// Takes the lock, or exits 3 naming the holder.
    static func take(_ workflow: String, runID: String, in store: any StateStore) async throws -> RunLock {
        let acquisition = try await reporting { () async throws(StateStoreError) in
            try await store.acquireLock(workflow: workflow, runID: runID, lease: lease)
        }
        switch acquisition {
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
            let renewing = Task {
                while (try? await Task.sleep(for: renewal)) != nil {
                    do {
                        try await store.renewLock(workflow: workflow, runID: runID, lease: lease)
                    } catch let error as StateStoreError where error.isLeaseLost {
                        return StandardError.write("warning: \(error)")
                    } catch {}
                }
            }
            return RunLock(store: store, workflow: workflow, runID: runID, renewing: renewing)
        }
    }

    /// Runs `body` holding `lock` (if any), releasing it however `body` ends.
    static func holding<T>(_ lock: RunLock?, _ body: () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            await lock?.release()
            return result
        } catch {
            await lock?.release()
            throw error
        }
    }

    func release() async {
        renewing.cancel()
        try? await store.releaseLock(workflow: workflow, runID: runID)
    }
}
