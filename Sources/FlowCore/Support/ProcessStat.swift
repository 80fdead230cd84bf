import Foundation

/// A process's line of `/proc/PID/stat` (Linux): its state, CPU time and start, as the kernel reports them.
public struct ProcessStat: Sendable {
    /// The fields after the command name: `fields[0]` is field 3 of proc(5), the state.
    private let fields: [Substring]

    /// The stat line of `pid`, or nil when the process is gone or there is no `/proc`.
    public init?(pid: Int32) {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let commandEnd = stat.lastIndex(of: ")")
        else { return nil }
        // The command name may hold spaces and parentheses: the fields start after its last ')'.
        fields = stat[stat.index(after: commandEnd)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
    }

    /// Field 3: `R` running, `S` sleeping, `D` waiting on I/O, `Z` exited but not yet reaped, ….
    public var state: Character { fields[0].first ?? "?" }

    /// Fields 14 and 15: the user and system CPU time it has used, in seconds.
    public var cpuSeconds: Double {
        ((Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Field 22: when it started, in clock ticks since the boot.
    public var startTicks: Substring { fields[19] }
}
