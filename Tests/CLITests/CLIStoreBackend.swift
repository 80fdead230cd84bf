import PostgresTesting
import Testing

/// The state store a CLI test's commands use (`@Test(arguments: CLIStoreBackend.allCases)`): SQLite in
/// the state directory, or a fresh database on the test PostgreSQL, named to every command by
/// `HAVENFLOW_STORE` in its environment.
enum CLIStoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    var testDescription: String { rawValue }

    /// The environment that selects a new, empty store of this backend (none for SQLite).
    func freshEnvironment() throws -> [String: String] {
        switch self {
        case .sqlite: [:]
        case .postgres: ["HAVENFLOW_STORE": try PostgresServer.shared().freshURL()]
        }
    }
}
