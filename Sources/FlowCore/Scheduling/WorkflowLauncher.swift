import Foundation
import JSONValue
import Synchronization

/// Starts runs for the scheduler (in the CLI: the engine, behind the workflow's run lock).
public protocol WorkflowLauncher: Sendable {
    /// Starts a run of `workflow` for its trigger number `trigger`; returns once it has started (or could
    /// not), not when it ends.
    func launch(_ workflow: ScheduledWorkflow, trigger: Int, inputs: [String: JSON], scheduledAt: Date) async
        -> LaunchResult
}

public enum LaunchResult: Sendable {
    case started(any ActiveRun)
    /// The workflow's run lock is held by another process.
    case lockBusy
    case failed(String)
    /// The due time's claim was taken over by another scheduler (`FireStore.bind`): that one fires it,
    /// and nothing is recorded here.
    case claimLost
}

/// A run in progress, as the scheduler watches it.
public protocol ActiveRun: Sendable {
    var runID: String { get }
    /// True once the run has ended (read without waiting; must turn true before `finished()` returns).
    var isFinished: Bool { get }
    /// Returns when the run has ended.
    func finished() async
}

/// An `ActiveRun` the launcher ends by calling `finish()`.
public final class RunHandle: ActiveRun {
    public let runID: String
    private let state = Mutex<(finished: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    public init(runID: String) {
        self.runID = runID
    }

    public var isFinished: Bool { state.withLock { $0.finished } }

    public func finish() {
        let waiters = state.withLock { state in
            state.finished = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    public func finished() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if !state.finished { state.waiters.append(continuation) }
                return state.finished
            }
            if done { continuation.resume() }
        }
    }
}
