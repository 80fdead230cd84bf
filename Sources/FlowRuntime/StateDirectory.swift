import FlowCore
import Foundation

/// Where HavenFlow keeps run logs, the state database and the embedded sandbox's data (docs/cli.md) — and
/// which state store it uses: SQLite in this directory, or the PostgreSQL database that `--store` or
/// `HAVENFLOW_STORE` names (shared by several hosts; the directory still holds local things: run logs,
/// the scheduler's run output, the embedded sandbox's data).
public struct StateDirectory: Sendable {
    public let path: String
    /// `HAVENFLOW_STORE` (the CLI's `--store` sets it): a PostgreSQL URL; nil or empty: SQLite in `path`.
    public let store: String?
    /// The secrets file whose `HAVENFLOW_STORE_PASSWORD` is the database's password (`--secrets-file`).
    public let secretsFile: String?
    private let environment: [String: String]

    /// `--state-dir`, else `HAVENFLOW_STATE_DIR`, else `.havenflow` in the current directory.
    public init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(option: option, secretsFile: nil, environment: environment)
    }

    /// `--state-dir` as `init(option:environment:)`; `secretsFile` may hold the store's password.
    public init(option: String?, secretsFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        path = option ?? environment["HAVENFLOW_STATE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? ".havenflow"
        store = environment["HAVENFLOW_STORE"].flatMap { $0.isEmpty ? nil : $0 }
        self.secretsFile = secretsFile
        self.environment = environment
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

    /// The state store: PostgreSQL when `store` names one (connected on first use, which may fail with a
    /// sentence naming the database), else SQLite in the directory (opening it marks the runs of dead
    /// processes on this host `interrupted`).
    /// A `store` that is no PostgreSQL URL (or a secrets file that cannot be read for its password) is
    /// the user's mistake: a usage error.
    public func openStore() throws(RuntimeError) -> any StateStore {
        guard let store else {
            do { return try SQLiteStateStore(directory: path) } catch { throw RuntimeError(error) }
        }
        let address: PostgresAddress
        do { address = try self.address(store) } catch { throw RuntimeError(.usage, error.description) }
        do { return try PostgresStateStore(address: address) } catch { throw RuntimeError(error) }
    }

    /// `url` with its password from the secrets file, `PGPASSWORD` or the pgpass file.
    private func address(_ url: String) throws(StateStoreError) -> PostgresAddress {
        var secrets: [String: String] = [:]
        if let secretsFile {
            do {
                secrets = try SecretsFile.load(path: secretsFile)
            } catch {
                throw StateStoreError(.open(path: PostgresAddress.masked(url), reason: error.description))
            }
        }
        return try PostgresAddress(url: url, secrets: secrets, environment: environment)
    }
}
