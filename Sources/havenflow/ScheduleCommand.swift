import ArgumentParser
import FlowRuntime
import FlowServe

/// `havenflow schedule [PATH…]`: fire the `on.schedule` triggers of the workflow files under the paths
/// (docs/scheduling.md).
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Fire the on.schedule triggers of workflow files at their times (see docs/scheduling.md).",
        discussion: """
            Runs in the foreground until SIGINT or SIGTERM (which stop new fires and wait for active runs, \
            at most 5 minutes); SIGHUP reloads the files. Each run is a child `havenflow run` whose output \
            goes to STATE_DIR/schedule/RUN_ID.log. Exit status: 0 stopped (or, with --once, every fired run \
            succeeded), 1 a run fired by --once failed, 2 an invalid workflow file, 3 another scheduler \
            holds the state directory.
            """
    )

    @Argument(help: ArgumentHelp("Workflow files or folders (default: workflows).", valueName: "path"))
    var paths: [String] = []

    @Flag(help: "Fire whatever is due now (catch-up included), wait for those runs, and exit.")
    var once = false

    @Flag(help: "Print each trigger's last fire and next 3 fire times, and exit.")
    var list = false

    @Flag(help: "With --list: print {\"triggers\": […]} as JSON.")
    var json = false

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The state directory (default: $HAVENFLOW_STATE_DIR, else .havenflow).", valueName: "dir"))
    var stateDir: String?

    @OptionGroup var store: StoreOption

    @Flag(help: "Start one embedded sandbox (data in the state directory) and run every workflow against it.")
    var sandbox = false

    @Option(help: ArgumentHelp("The Haven endpoint the runs use.", valueName: "url"))
    var endpoint: String?

    @Option(name: .customLong("secrets-file"), help: ArgumentHelp("A dotenv file of secrets (mode 600), passed to each run.", valueName: "file"))
    var secretsFile: String?

    @Option(help: ArgumentHelp("Also serve the runs' pages and API from this process (see docs/serve.md).", valueName: "[host:]port"))
    var serve: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("With --serve: a file holding the bearer token every request must present.", valueName: "file"))
    var tokenFile: String?

    func validate() throws {
        if serve != nil && (list || once) { throw ValidationError("--serve goes with neither --list nor --once.") }
        if let serve, ServeAddress(serve) == nil {
            throw ValidationError("--serve takes PORT or HOST:PORT (e.g. 8080 or 0.0.0.0:8080), not '\(serve)'.")
        }
        if tokenFile != nil && serve == nil { throw ValidationError("--token-file goes with --serve.") }
        if sandbox && endpoint != nil { throw ValidationError("--sandbox and --endpoint cannot be used together.") }
        if once && list { throw ValidationError("--once and --list cannot be used together.") }
        if json && !list { throw ValidationError("--json goes with --list.") }
    }

    func run() async throws {
        store.apply()
        try await exiting { () throws(RuntimeError) in
            let runtime = Runtime.havenflow
            if list {
                print(try await runtime.scheduleListing(paths: paths, stateDirectory: stateDir, json: json))
                return .succeeded
            }
            // `--serve`: the pages and API in this process, from before the first fire until the scheduler stops.
            var server: ServeServer?
            if let address = serve.flatMap(ServeAddress.init) {
                let (configuration, reader) = try ServeOptions.prepare(
                    host: address.host, port: address.port, tokenFile: tokenFile, secretsFile: secretsFile,
                    stateDir: stateDir, runtime: runtime, paths: paths)
                server = try await ServeServer.start(configuration, reader: reader)
                StandardError.write("scheduler: serving \(server!.address)/")
            }
            let failures: Int
            do throws(RuntimeError) {
                failures = try await runtime.schedule(
                    ScheduleRequest(
                        paths: paths, stateDirectory: stateDir, once: once, sandbox: sandbox, endpoint: endpoint,
                        secretsFile: secretsFile, executable: Runtime.currentExecutable))
            } catch {
                await server?.stop()
                throw error
            }
            await server?.stop()
            return once && failures > 0 ? .failed : .succeeded
        }
    }
}
