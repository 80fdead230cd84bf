import Synchronization

/// A handle to interrupt a run: the runtime calls `cancel()` on SIGINT/SIGTERM. The engine then starts no
/// new step, element or attempt, gives in-flight actions `EngineOptions.gracePeriod` to finish, cancels
/// them, runs `finally` and records the run `interrupted`. `stopNow()` (a second signal) ends the grace
/// period at once and skips `finally`.
public final class RunCancellation: Sendable {
    /// What a waiter waits for.
    private enum Moment: Sendable {
        case cancelled, stoppingNow
    }

    private struct State {
        var reached: Set<Moment> = []
        var nextID = 0
        var waiters: [Int: (moment: Moment, continuation: CheckedContinuation<Void, Never>)] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public var isCancelled: Bool { state.withLock { $0.reached.contains(.cancelled) } }

    /// Whether `stopNow()` was called: in-flight work is cut off and `finally` does not run.
    public var isStoppingNow: Bool { state.withLock { $0.reached.contains(.stoppingNow) } }

    /// Interrupts the run (idempotent).
    public func cancel() {
        reach(.cancelled)
    }

    /// Interrupts the run without a grace period and without `finally` (idempotent; implies `cancel()`).
    public func stopNow() {
        reach(.cancelled)
        reach(.stoppingNow)
    }

    /// Returns once `cancel()` was called, or when the waiting task is cancelled.
    public func wait() async {
        await wait(for: .cancelled)
    }

    /// Returns once `stopNow()` was called, or when the waiting task is cancelled.
    public func waitForStopNow() async {
        await wait(for: .stoppingNow)
    }

    private func reach(_ moment: Moment) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard state.reached.insert(moment).inserted else { return [] }
            let due = state.waiters.filter { $0.value.moment == moment }
            for id in due.keys { state.waiters[id] = nil }
            return due.values.map(\.continuation)
        }
        for waiter in waiters { waiter.resume() }
    }

    private func wait(for moment: Moment) async {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.reached.contains(moment) || Task.isCancelled { return true }
                    state.waiters[id] = (moment, continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume()
        }
    }
}
