import ArgumentParser
import FlowCore
import FlowRuntime
import Foundation
import HavenSandbox
import Logging
import ServiceLifecycle
import UnixSignals

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

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The state directory (default: $HAVENFLOW_STATE_DIR, else .havenflow).", valueName: "dir"))
    var stateDir: String?

    @Flag(help: "Start one embedded sandbox (data in the state directory) and run every workflow against it.")
    var sandbox = false

    @Option(help: ArgumentHelp("The Haven endpoint the runs use.", valueName: "url"))
    var endpoint: String?

    @Option(name: .customLong("secrets-file"), help: ArgumentHelp("A dotenv file of secrets (mode 600), passed to each run.", valueName: "file"))
    var secretsFile: String?

    func validate() throws {
        if sandbox && endpoint != nil { throw ValidationError("--sandbox and --endpoint cannot be used together.") }
        if once && list { throw ValidationError("--once and --list cannot be used together.") }
    }

    func run() async throws {
        try await reportingFailures { try await schedule() }
    }

    private func schedule() async throws -> ExitStatus {
        let sources = ScheduleSources(paths: paths.isEmpty ? ["workflows"] : paths)
        let loaded = sources.load()
        for diagnostics in loaded.diagnostics { StandardError.write(diagnostics) }
        guard loaded.valid else {
            StandardError.write("error: the scheduler did not start: fix the workflow files above")
            return .invalid
        }
        let state = StateDirectory(option: stateDir)
        try state.create()
        let store = try await state.openStore()
        if list {
            print(ScheduleListingText.render(await ScheduleListing.make(workflows: loaded.scheduled, store: store, now: Date())))
            return .succeeded
        }
        let lock = try SchedulerLock(state: state)
        defer { lock.release() }
        var settings = ProcessLauncher.Settings(state: state, endpoint: endpoint, apiKey: nil, secretsFile: secretsFile)
        var embedded: HavenSandbox?
        if sandbox {
            do {
                let started = try await HavenSandbox.start(SandboxConfiguration(dataFile: state.sandboxData))
                (settings.endpoint, settings.apiKey, embedded) = (started.endpoint, started.apiKey, started)
            } catch {
                throw CommandFailure("cannot start the embedded sandbox: \(error)", status: .failed)
            }
        }
        let launcher = ProcessLauncher(settings: settings, store: store)
        var logger = Logger(label: "havenflow.scheduler")
        logger.logLevel = .info
        let workflowCount = loaded.scheduled.count
        StandardError.write("scheduler: \(workflowCount) scheduled workflow\(workflowCount == 1 ? "" : "s") in \(loaded.files) file\(loaded.files == 1 ? "" : "s")")
        if once {
            let scheduler = Scheduler(workflows: loaded.scheduled, store: store, launcher: launcher, logger: logger)
            await scheduler.runOnce()
        } else {
            let service = ScheduleService(
                sources: sources, initial: loaded.scheduled, store: store, launcher: launcher, logger: logger)
            let group = ServiceGroup(
                services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
            await launcher.terminateAll()
            StandardError.write("scheduler: stopped")
        }
        await embedded?.stop()
        return once && launcher.failures > 0 ? .failed : .succeeded
    }
}
