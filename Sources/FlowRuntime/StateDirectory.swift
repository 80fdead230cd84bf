import Foundation

/// Where HavenFlow keeps run logs, the state database and the embedded sandbox's data (docs/cli.md).
public struct StateDirectory: Sendable {
    public let path: String

    /// `--state-dir`, else `HAVENFLOW_STATE_DIR`, else `.havenflow` in the current directory.
    public init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        path = option ?? environment["HAVENFLOW_STATE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? ".havenflow"
    }

    /// The JSON Lines event log of `runID`.
    public func runLogPath(_ runID: String) -> String { "\(path)/runs/\(runID).jsonl" }

    /// Where the scheduler writes the output of the run `runID` it started.
    public func scheduledOutputPath(_ runID: String) -> String { "\(path)/schedule/\(runID).log" }

    /// Creates the directory (mode 700) when it does not exist.
    public func create() throws(RuntimeError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw RuntimeError(.failed, "cannot create the state directory \(path): \(error.localizedDescription)")
        }
    }

    /// The state store (opening it marks the runs of dead processes on this host `interrupted`).
    public func openStore() throws(RuntimeError) -> any StateStore {
        do {
            return try SQLiteStateStore(directory: path)
        } catch {
            throw RuntimeError(error)
        }
    }
}
