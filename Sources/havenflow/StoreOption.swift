import ArgumentParser
import Foundation

/// `--store URL`: the PostgreSQL state store to use instead of SQLite in the state directory
/// (docs/cli.md). It sets `HAVENFLOW_STORE` for this process and the runs it starts.
struct StoreOption: ParsableArguments {
    @Option(
        name: .customLong("store"),
        help: ArgumentHelp(
            "A PostgreSQL state store, postgresql://USER@HOST:PORT/DB?sslmode=… (default: $HAVENFLOW_STORE, else "
                + "SQLite in the state directory). The password comes from the secrets file, PGPASSWORD or ~/.pgpass.",
            valueName: "url"))
    var store: String?

    /// Makes `--store` the store of this process (and of the runs a scheduler starts).
    func apply() {
        if let store { setenv("HAVENFLOW_STORE", store, 1) }
    }
}
