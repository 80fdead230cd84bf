import Synchronization

/// A handle to interrupt a run: the CLI calls `cancel()` on SIGINT/SIGTERM. The engine then starts no new
/// step, element or attempt, gives in-flight actions `EngineOptions.gracePeriod` to finish, cancels them,
/// runs `finally` and records the run `interrupted`.
public final class RunCancellation: Sendable {
    private struct State {
        var cancelled = false
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Interrupts the run (idempotent).
    public func cancel() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.cancelled else { return [] }
            state.cancelled = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once `cancel()` was called, or when the waiting task is cancelled.
    public func wait() async {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.cancelled || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
