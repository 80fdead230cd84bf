import FlowCore
import Foundation

/// A process as runs and locks record it: its pid, its host name and, where the system tells it, when
/// it started — so that a pid the kernel has since given to another process (after a reboot, say) is
/// not mistaken for the run that recorded it.
public struct ProcessIdentity: Sendable, Hashable {
    public var pid: Int32
    public var host: String
    /// The boot and the start time of the process (`BOOT_ID/START_TICKS` from `/proc`), or nil where
    /// `/proc` does not tell it; then only the pid is compared.
    public var started: String?

    public init(pid: Int32, host: String, started: String? = nil) {
        self.pid = pid
        self.host = host
        self.started = started
    }

    /// This process. `HAVENFLOW_HOST`, when set, names its host instead of the system's host name: for
    /// tests that play several hosts on one machine.
    public static let current = ProcessIdentity(
        pid: getpid(), host: ProcessInfo.processInfo.environment["HAVENFLOW_HOST"] ?? hostName(),
        started: startToken(of: getpid()))

    /// `gethostname(2)` (no DNS lookup, unlike `ProcessInfo.hostName`).
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether the process with `pid` that started at `started` still exists on this host: `kill(pid, 0)`
    /// (EPERM means it exists), and, when both start tokens are known, the same start.
    public static func isAlive(pid: Int32, started: String? = nil) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let started, let now = startToken(of: pid) else { return true }
        return started == now
    }

    /// `BOOT_ID/START_TICKS` of `pid`: the kernel's boot id and field 22 of `/proc/PID/stat` (the start
    /// time in clock ticks since boot); nil when `/proc` cannot be read.
    public static func startToken(of pid: Int32) -> String? {
        guard let boot = bootID, let stat = ProcessStat(pid: pid) else { return nil }
        return "\(boot)/\(stat.startTicks)"
    }

    /// The kernel's id of this boot, read once.
    private static let bootID = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines)
}
