import Foundation
import Synchronization

/// A time for `SandboxConfiguration.now` that moves only when the test says so.
final class SteppedTime: Sendable {
    private let seconds: Mutex<Double>

    init(_ start: Double = 1_800_000_000) { seconds = Mutex(start) }

    /// Seconds since 1970, as the sandbox reads them.
    var now: Double { seconds.withLock { $0 } }

    /// The reading function to hand to the sandbox.
    var clock: @Sendable () -> Double { { [self] in now } }

    func advance(by duration: Duration) {
        seconds.withLock { $0 += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
    }
}
