import Foundation

/// Starts a program with `posix_spawn`, without a shell, in a process group of its own (so a Ctrl-C at
/// HavenFlow's terminal does not reach it and the whole group can be signalled), with default signal
/// handling and an empty signal mask. Used by executable plugins (see `PluginProcess` for why not swift-subprocess).
public enum ProcessGroupSpawn {
    /// Where the child's standard input, output and error come from: a descriptor to duplicate, or
    /// `nil` for `/dev/null`.
    public struct Descriptors: Sendable {
        public var input: Int32?
        public var output: Int32?
        public var error: Int32?

        public init(input: Int32?, output: Int32?, error: Int32?) {
            self.input = input
            self.output = output
            self.error = error
        }
    }

    /// The child's pid, or the reason it could not start (`strerror` of the failure).
    /// With `closeOtherDescriptors`, the child gets no descriptor of HavenFlow's beyond 0, 1 and 2.
    public static func spawn(
        executable: String, arguments: [String], environment: [String: String], descriptors: Descriptors,
        closeOtherDescriptors: Bool = false
    ) -> Result<pid_t, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, source, flags) in [
            (Int32(0), descriptors.input, O_RDONLY), (1, descriptors.output, O_WRONLY), (2, descriptors.error, O_WRONLY),
        ] {
            if let source {
                posix_spawn_file_actions_adddup2(&actions, source, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", flags, 0)
            }
        }
        #if os(Linux)
        if closeOtherDescriptors { _ = addCloseFrom?(&actions, 3) }
        let closeOthers: Int32 = 0
        #else
        let closeOthers = closeOtherDescriptors ? Int32(POSIX_SPAWN_CLOEXEC_DEFAULT) : 0
        #endif

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
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
        guard status == 0 else { return .failure(SpawnError(reason: String(cString: strerror(status)))) }
        return .success(pid)
    }

    /// Why a program could not start: the one process-spawn error.
    public struct SpawnError: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }
}

#if os(Linux)
/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc module does
/// not show; `nil` on older systems.
private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
private let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
    .map { unsafeBitCast($0, to: AddCloseFrom.self) }
#endif
