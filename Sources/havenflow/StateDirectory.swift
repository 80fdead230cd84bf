import Foundation

/// Where HavenFlow keeps run logs, the state database and the embedded sandbox's data (docs/cli.md).
struct StateDirectory {
    let path: String

    /// `--state-dir`, else `HAVENFLOW_STATE_DIR`, else `.havenflow` in the current directory.
    init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        path = option ?? environment["HAVENFLOW_STATE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? ".havenflow"
    }

    var sandboxData: String { "\(path)/sandbox.sqlite" }

    func create() throws {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandFailure("cannot create the state directory \(path): \(error.localizedDescription)", status: .failed)
        }
    }
}
