import FlowCore
import Foundation

/// The one scheduler of a state directory: an exclusive `flock(2)` on `STATE_DIR/scheduler.lock`, held
/// for the life of the process (the kernel drops it when the process dies, however it dies). The file
/// names the holder for the message a second scheduler prints.
final class SchedulerLock {
    private let descriptor: Int32

    /// Takes the lock, or exits 3 naming the holder.
    init(state: StateDirectory) throws {
        let path = "\(state.path)/scheduler.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot open \(path): \(String(cString: strerror(errno)))", status: .failed)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw CommandFailure(
                "another scheduler is running on the state directory \(state.path)"
                    + (holder.isEmpty ? "" : " (\(holder))") + "; nothing was fired",
                status: .locked)
        }
        let holder = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName), since \(Timestamp.rfc3339(Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = holder.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        self.descriptor = descriptor
    }

    /// Lets the next scheduler start (call once, when this one has stopped).
    func release() {
        close(descriptor)
    }
}
