import Foundation

extension PluginProcess {
    /// The file descriptors the parent keeps: standard input (a socket, so that writing to a plugin that
    /// exited fails with `EPIPE` instead of raising `SIGPIPE`), standard output and standard error.
    struct ParentEnds {
        var input: Int32?
        var output: Int32
        var error: Int32
    }

    func run(control: Control) -> Result {
        var inputPair: [Int32] = [-1, -1]
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard Self.makePipe(&outputPipe), Self.makePipe(&errorPipe), input == nil || Self.makeSocketPair(&inputPair)
        else {
            let reason = String(cString: strerror(errno))
            for fd in outputPipe + errorPipe + inputPair where fd >= 0 { close(fd) }
            return Result(ending: .couldNotStart("could not create pipes: \(reason)"))
        }
        let started = control.start {
            spawn(input: input == nil ? nil : inputPair[1], output: outputPipe[1], error: errorPipe[1])
        }
        for fd in [outputPipe[1], errorPipe[1], inputPair[1]] where fd >= 0 { close(fd) }
        let ends = ParentEnds(input: input == nil ? nil : inputPair[0], output: outputPipe[0], error: errorPipe[0])
        defer {
            for fd in [ends.input, ends.output, ends.error].compactMap(\.self) { close(fd) }
        }
        switch started {
        case nil:
            return Result(ending: .cancelled)
        case .failure(let failure):
            return Result(ending: .couldNotStart(failure.reason))
        case .success(let pid):
            return collect(pid: pid, ends: ends, control: control)
        }
    }

    /// `posix_spawn` in a new process group (see `ProcessGroupSpawn`), with no other descriptor of ours.
    private func spawn(input: Int32?, output: Int32, error: Int32) -> Swift.Result<pid_t, ProcessGroupSpawn.SpawnError> {
        ProcessGroupSpawn.spawn(
            executable: executable, arguments: arguments, environment: environment,
            descriptors: .init(input: input, output: output, error: error), closeOtherDescriptors: true
        )
    }

    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private static func makeSocketPair(_ fds: inout [Int32]) -> Bool {
        #if os(Linux)
        return socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0
        #else
        guard socketpair(AF_UNIX, SOCK_STREAM, 0, &fds) == 0 else { return false }
        var on: Int32 = 1
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        return true
        #endif
    }
}
