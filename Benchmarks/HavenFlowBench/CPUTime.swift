import Foundation

/// CPU time (user + system) in seconds, from `getrusage`.
enum CPUTime {
    /// Used by every thread of this process so far.
    static func ofThisProcess() -> Double { seconds(RUSAGE_SELF) }

    /// Used by the child processes this process has waited for (wrk, once it has exited).
    static func ofWaitedChildren() -> Double { seconds(RUSAGE_CHILDREN) }

    #if os(Linux)
    private static func seconds(_ who: __rusage_who) -> Double { seconds(who.rawValue) }
    #endif

    private static func seconds(_ who: Int32) -> Double {
        var usage = rusage()
        getrusage(who, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
