import Foundation

extension PluginProcess {
    /// Feeds standard input and reads standard output and error until both are closed and the process
    /// has exited — or the deadline passes, the output grows past its cap, the task is cancelled, or the
    /// pipes stay open `exitGrace` after the exit (a background child holds them) — then reaps it.
    func collect(pid: pid_t, ends: ParentEnds, control: Control) -> Result {
        let clock = ContinuousClock()
        let deadline = limits.deadline.map { clock.now + $0 }
        var result = Result(ending: .exited(0))
        var pending = ArraySlice(input ?? [])
        var inputFD = ends.input
        var outputOpen = true
        var errorOpen = true
        var exitedAt: ContinuousClock.Instant?
        var stop: Result.Ending?
        var idleWait = 1

        for fd in [ends.input, ends.output, ends.error].compactMap(\.self) {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        if pending.isEmpty, let fd = inputFD {
            shutdown(fd, Int32(SHUT_WR))
            inputFD = nil
        }

        while stop == nil && (outputOpen || errorOpen || exitedAt == nil) {
            if !outputOpen && !errorOpen && deadline == nil {
                // Output is closed: wait for the exit itself (cancelling kills the group, which ends it).
                Self.waitForExit(pid)
                exitedAt = clock.now
                break
            }
            var fds: [pollfd] = []
            if outputOpen { fds.append(pollfd(fd: ends.output, events: Int16(POLLIN), revents: 0)) }
            if errorOpen { fds.append(pollfd(fd: ends.error, events: Int16(POLLIN), revents: 0)) }
            if let fd = inputFD { fds.append(pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)) }
            var wait = outputOpen || errorOpen ? 50 : idleWait
            if let deadline { wait = min(wait, max(0, Self.milliseconds(deadline - clock.now))) }
            if poll(&fds, nfds_t(fds.count), Int32(wait)) < 0 && errno != EINTR { break }
            if fds.isEmpty { idleWait = min(idleWait * 2, 20) }

            for entry in fds where entry.revents != 0 {
                if entry.fd == ends.output {
                    outputOpen = Self.drain(entry.fd) { result.stdout.append(contentsOf: $0) }
                    if result.stdout.count > limits.maxOutput { stop = .outputTooLarge }
                } else if entry.fd == ends.error {
                    errorOpen = Self.drain(entry.fd) { result.stderr.append(contentsOf: $0) }
                    if result.stderr.count > 2 * limits.maxErrorTail {
                        result.stderr.removeFirst(result.stderr.count - limits.maxErrorTail)
                    }
                } else if let fd = inputFD, !Self.feed(fd, &pending) {
                    shutdown(fd, Int32(SHUT_WR))
                    inputFD = nil
                }
            }
            if exitedAt == nil && Self.hasExited(pid) { exitedAt = clock.now }
            if let exitedAt, outputOpen || errorOpen, clock.now - exitedAt > limits.exitGrace {
                result.leftChildren = true
                break
            }
            if control.isCancelled { stop = .cancelled }
            if let deadline, clock.now >= deadline { stop = .timedOut }
        }

        if stop != nil { kill(-pid, SIGKILL) }
        let status = control.reap(pid)
        if result.stderr.count > limits.maxErrorTail {
            result.stderr.removeFirst(result.stderr.count - limits.maxErrorTail)
        }
        if let stop {
            result.ending = stop
        } else if status & 0x7f == 0 {
            result.ending = .exited((status >> 8) & 0xff)
        } else {
            result.ending = control.isCancelled ? .cancelled : .signalled(status & 0x7f)
        }
        return result
    }

    /// Reads what `fd` has; `false` at end of file (or on an error).
    private static func drain(_ fd: Int32, into append: ([UInt8]) -> Void) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                append(Array(buffer[0..<count]))
                if count < buffer.count { return true }
            } else if count == 0 {
                return false
            } else {
                return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR
            }
        }
    }

    /// Writes as much of `pending` as `fd` takes; `false` when done (all written, or the reader is gone).
    private static func feed(_ fd: Int32, _ pending: inout ArraySlice<UInt8>) -> Bool {
        #if os(Linux)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        let written = pending.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, flags) }
        if written < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR }
        pending = pending.dropFirst(written)
        return !pending.isEmpty
    }

    /// Blocks until the process has exited, without reaping it.
    private static func waitForExit(_ pid: pid_t) {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
    }

    /// Whether the process is a zombie now (without reaping it, so its group stays addressable).
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_signo == SIGCHLD
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000) + 1
    }
}
