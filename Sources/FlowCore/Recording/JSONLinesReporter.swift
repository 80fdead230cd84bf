import Foundation
import JSONValue

/// `--json`: every event as one JSON line (the run-log line) on a stream, standard output by default.
public final class JSONLinesReporter: RunObserver {
    private let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void = ConsoleReporter.standardOutput) {
        self.write = write
    }

    public func record(_ event: RunEvent) async {
        write(event.line + "\n")
    }
}
