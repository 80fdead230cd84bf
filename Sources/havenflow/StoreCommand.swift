import ArgumentParser
import FlowRuntime
import JSONValue

/// `havenflow store migrate|status`: the state store's schema and what it holds.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Migrate the state store's schema, or print its status.",
        subcommands: [Migrate.self, Status.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate", abstract: "Bring the state store's schema up to this havenflow's version.")

        @OptionGroup var location: StoreLocation

        func run() async throws {
            try await exiting { () throws(RuntimeError) in
                print(try await location.state.migrateStore())
                return .succeeded
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Print the state store's backend, schema version, runs and fire records.")

        @OptionGroup var location: StoreLocation

        @Flag(help: "Print the status as one JSON object.")
        var json = false

        func run() async throws {
            try await exiting { () throws(RuntimeError) in
                let status = try await location.state.storeStatus()
                print(json ? status.json.rendered() : status.text)
                return .succeeded
            }
        }
    }
}

/// The store a `store` subcommand is about: `--store`, the state directory, the secrets file.
struct StoreLocation: ParsableArguments {
    @OptionGroup var store: StoreOption

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The state directory (default: $HAVENFLOW_STATE_DIR, else .havenflow).", valueName: "dir"))
    var stateDir: String?

    @Option(name: .customLong("secrets-file"), help: ArgumentHelp("A dotenv file (mode 600) whose HAVENFLOW_STORE_PASSWORD is the database's password.", valueName: "file"))
    var secretsFile: String?

    var state: StateDirectory {
        store.apply()
        return StateDirectory(option: stateDir, secretsFile: secretsFile)
    }
}
