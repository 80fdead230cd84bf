import Foundation

/// The scheduler's notion of time: the real clock in production, a `ManualClock` in tests.
public protocol SchedulerClock: Sendable {
    var now: Date { get }
    /// Returns at or after `deadline`; throws `CancellationError` when the task is cancelled.
    func sleep(until deadline: Date) async throws
}

/// Wall-clock time. Sleeps in slices of at most a minute and re-reads the wall clock after each, so a
/// clock step (NTP, suspend) delays a fire by at most a minute.
public struct SystemSchedulerClock: SchedulerClock {
    public init() {}

    public var now: Date { Date() }

    public func sleep(until deadline: Date) async throws {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return }
            try await Task.sleep(for: .milliseconds(Int64(min(remaining, 60) * 1000) + 1))
        }
    }
}
