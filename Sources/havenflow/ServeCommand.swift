import ArgumentParser
import FlowRuntime
import FlowServe
import Foundation

/// `havenflow serve`: the runs of the state directory as web pages, a JSON API and live events
/// (docs/serve.md).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the recorded runs as web pages, a JSON API and live events, read-only (see docs/serve.md).",
        discussion: """
            Binds 127.0.0.1:8080 by default. Binding an address other hosts can reach needs a bearer token \
            (--token-file, or HAVENFLOW_SERVE_TOKEN in the --secrets-file); without one the command refuses \
            to start (exit status 2). Runs in the foreground until SIGINT or SIGTERM.
            """
    )

    @Argument(help: ArgumentHelp("Workflow files or folders whose triggers /schedules lists (default: workflows).", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var server: ServeOptions

    @OptionGroup var store: StoreOption

    func run() async throws {
        store.apply()
        try await exiting { () throws(RuntimeError) in
            let runtime = Runtime.havenflow
            let (configuration, reader) = try server.prepare(runtime: runtime, paths: paths)
            let served = try await ServeServer.start(configuration, reader: reader)
            await served.serveUntilSignalled {
                FileHandle.standardOutput.write(
                    Data("havenflow serve listening on \(served.address)/ (store \(reader.store.location))\n".utf8))
            }
            await reader.store.close()
            FileHandle.standardOutput.write(Data("havenflow serve stopped\n".utf8))
            return .succeeded
        }
    }
}

/// The options `serve` and `schedule --serve` share.
struct ServeOptions: ParsableArguments {
    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The state directory (default: $HAVENFLOW_STATE_DIR, else .havenflow).", valueName: "dir"))
    var stateDir: String?

    @Option(help: ArgumentHelp("The address to bind.", valueName: "host"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to bind.", valueName: "port"))
    var port = 8080

    @Option(name: .customLong("token-file"), help: ArgumentHelp("A file holding the bearer token every request must present.", valueName: "file"))
    var tokenFile: String?

    @Option(name: .customLong("secrets-file"), help: ArgumentHelp("A dotenv file (mode 600) whose HAVENFLOW_SERVE_TOKEN is the bearer token.", valueName: "file"))
    var secretsFile: String?

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535.") }
    }

    /// The server's configuration and an open store; refuses a non-loopback host without a token.
    func prepare(runtime: Runtime, paths: [String]) throws(RuntimeError) -> (ServeConfiguration, RunReader) {
        try ServeOptions.prepare(
            host: host, port: port, tokenFile: tokenFile, secretsFile: secretsFile, stateDir: stateDir,
            runtime: runtime, paths: paths)
    }

    static func prepare(
        host: String, port: Int, tokenFile: String?, secretsFile: String?, stateDir: String?, runtime: Runtime,
        paths: [String]
    ) throws(RuntimeError) -> (ServeConfiguration, RunReader) {
        let token = try ServeToken.resolve(tokenFile: tokenFile, secretsFile: secretsFile)
        let configuration = ServeConfiguration(host: host, port: port, token: token, workflowPaths: paths)
        try configuration.check()
        let state = StateDirectory(option: stateDir, environment: runtime.environment)
        try state.create()
        let store = try state.openStore()
        return (configuration, RunReader(state: state, store: store, runtime: runtime, workflowPaths: paths))
    }
}
