import Foundation
import Synchronization

/// One run of a plugin executable: spawned directly (never through a shell) as the leader of a new
/// process group, with a minimal environment; its standard input fed from `input`, its standard output
/// and error collected up to a cap. When it exits, whatever it left running in its group is killed.
///
/// Why not swift-subprocess (which starts the scheduler's runs, see FlowRuntime's `ProcessLauncher`):
/// a plugin needs three things it does not offer — the *tail* of standard error kept while the head is
/// dropped (its collected outputs fail past their limit instead), an end to reading when the plugin has
/// exited but a child it left behind still holds the pipes (it reads to end of file), and no descriptor
/// of HavenFlow's beyond 0–2 in the plugin (`posix_spawn_file_actions_addclosefrom_np`).
struct PluginProcess: Sendable {
    var executable: String
    var arguments: [String] = []
    var environment: [String: String]
    /// Written to standard input, which is then closed; `nil` gives it `/dev/null`.
    var input: [UInt8]?
    var limits = Limits()

    struct Limits: Sendable {
        /// More standard output than this fails the call.
        var maxOutput = 1 << 20
        /// Only the last this-many bytes of standard error are kept.
        var maxErrorTail = 64 << 10
        /// The process is killed after this long (`nil`: only when the calling task is cancelled).
        var deadline: Duration?
        /// How long the pipes may stay open after the process exited (a child it left behind holds them).
        var exitGrace: Duration = .milliseconds(200)
    }

    /// How the run ended and what it printed.
    struct Result: Sendable {
        enum Ending: Sendable, Equatable {
            case exited(Int32)
            case signalled(Int32)
            case couldNotStart(String)
            case timedOut
            case cancelled
            case outputTooLarge
        }

        var ending: Ending
        var stdout: [UInt8] = []
        /// The end of standard error.
        var stderr: [UInt8] = []
        /// Something it started kept its pipes open after it exited, and was killed.
        var leftChildren = false
    }

    /// Runs the process to the end on the calling thread (blocking it).
    func runBlocking() -> Result {
        run(control: Control())
    }

    /// Runs the process on a thread of its own; cancelling the task kills the process group.
    func run() async -> Result {
        let control = Control()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread { continuation.resume(returning: self.run(control: control)) }
            }
        } onCancel: {
            control.cancel()
        }
    }

    /// The link between a running process and the task that waits for it: cancel kills the group until
    /// the process has been reaped (after that its id may belong to someone else).
    final class Control: Sendable {
        private struct State {
            var pid: pid_t?
            var cancelled = false
            var reaped = false
        }
        private let state = Mutex(State())

        func cancel() {
            state.withLock { state in
                state.cancelled = true
                if let pid = state.pid, !state.reaped { kill(-pid, SIGKILL) }
            }
        }

        var isCancelled: Bool { state.withLock { $0.cancelled } }

        /// Runs `spawn` unless already cancelled, recording the process id it returns.
        func start(_ spawn: () -> Swift.Result<pid_t, ProcessGroupSpawn.SpawnError>)
            -> Swift.Result<pid_t, ProcessGroupSpawn.SpawnError>?
        {
            state.withLock { state in
                if state.cancelled { return nil }
                let result = spawn()
                if case .success(let pid) = result { state.pid = pid }
                return result
            }
        }

        /// Kills what is left of the group, then reaps the process: its wait status.
        func reap(_ pid: pid_t) -> Int32 {
            state.withLock { $0.reaped = true }
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return status
        }
    }
}
