import FlowCore
import UnixSignals

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT, SIGTERM and SIGHUP during a run, through swift-service-lifecycle's `UnixSignalsSequence`: the
/// first stops new work and lets the engine finish in-flight calls, run `finally` and record `interrupted`;
/// a second one cuts in-flight calls off at once and skips `finally`. Either way the run ends normally —
/// its record, its log's last event and its lock are written and released before the process exits.
enum InterruptSignals {
    static func watching<T: Sendable, Failure: Error>(
        cancellation: RunCancellation, report: @escaping @Sendable (String) -> Void,
        _ body: () async throws(Failure) -> T
    ) async throws(Failure) -> T {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm, .sighup)
        let watcher = Task {
            for await _ in signals {
                if cancellation.isCancelled {
                    report("interrupted again: stopping now; resume the run later")
                    cancellation.stopNow()
                } else {
                    report(
                        "interrupt: no new steps start; in-flight calls finish, then `finally` runs "
                            + "(interrupt again to stop at once)")
                    cancellation.cancel()
                }
            }
        }
        defer {
            watcher.cancel()
            // The sequence's sources are cancelled with it; give the signals back their default action so
            // an embedding program is not left deaf to them.
            for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) }
        }
        return try await body()
    }
}
