import Dispatch
import FlowCore
import Foundation

/// SIGINT and SIGTERM during a run: the first stops new work and lets the engine finish in-flight calls,
/// run `finally` and record `interrupted` (exit 4); a second one exits at once with status 4.
final class InterruptHandler: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []

    init(cancellation: RunCancellation) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if cancellation.isCancelled {
                    StandardError.write("interrupted again: stopping now; resume the run later")
                    exit(ExitStatus.interrupted.rawValue)
                }
                StandardError.write(
                    "interrupt: no new steps start; in-flight calls finish, then `finally` runs "
                        + "(interrupt again to stop at once)")
                cancellation.cancel()
            }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
