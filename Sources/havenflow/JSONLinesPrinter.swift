import FlowCore
import Foundation

/// `--json`: every run-log event as one JSON line on standard output, as it happens.
struct JSONLinesPrinter: RunObserver {
    func record(_ event: RunEvent) async {
        FileHandle.standardOutput.write(Data((event.json().rendered() + "\n").utf8))
    }
}
