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
            return Result(ending: .couldNotStart(failure.message))
        case .success(let pid):
            return collect(pid: pid, ends: ends, control: control)
        }
    }

    /// `posix_spawn` with a new process group, default signal handling and an empty signal mask.
    private func spawn(input: Int32?, output: Int32, error: Int32) -> Swift.Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, error, 2)
        #if os(Linux)
        // Nothing else of HavenFlow's: not the state database, not sockets, not files being written.
        _ = addCloseFrom?(&actions, 3)
        #endif

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        #if os(Linux)
        let closeOthers: Int32 = 0
        #else
        let closeOthers = Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | closeOthers))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        var status = posix_spawn(&pid, executable, &actions, &attributes, argv + [nil], envp + [nil])
        // ETXTBSY: the file was just written and a process forked meanwhile still holds it open for
        // writing until it execs; that passes in a moment.
        for attempt in 1...5 where status == ETXTBSY {
            usleep(useconds_t(attempt * 20_000))
            status = posix_spawn(&pid, executable, &actions, &attributes, argv + [nil], envp + [nil])
        }
        guard status == 0 else { return .failure(SpawnFailure(message: String(cString: strerror(status)))) }
        return .success(pid)
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

#if os(Linux)
/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc module does
/// not show; `nil` on older systems.
private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
nonisolated(unsafe) private let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
    .map { unsafeBitCast($0, to: AddCloseFrom.self) }
#endif
