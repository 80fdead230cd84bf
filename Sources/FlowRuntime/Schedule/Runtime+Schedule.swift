import FlowCore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// What `havenflow schedule` is asked to do.
public struct ScheduleRequest: Sendable {
    /// Workflow files or folders (`workflows` when empty).
    public var paths: [String]
    public var stateDirectory: String?
    /// `--once`: fire whatever is due now (catch-up included), wait for those runs, and return.
    public var once: Bool
    /// `--sandbox`: one embedded sandbox shared by every run.
    public var sandbox: Bool
    /// `--endpoint`, passed to each run.
    public var endpoint: String?
    /// `--secrets-file`, passed to each run.
    public var secretsFile: String?
    /// The executable each fired run is started with (`havenflow run …`).
    public var executable: String

    public init(
        paths: [String], stateDirectory: String? = nil, once: Bool = false, sandbox: Bool = false,
        endpoint: String? = nil, secretsFile: String? = nil, executable: String
    ) {
        self.paths = paths
        self.stateDirectory = stateDirectory
        self.once = once
        self.sandbox = sandbox
        self.endpoint = endpoint
        self.secretsFile = secretsFile
        self.executable = executable
    }
}

extension Runtime {
    /// `havenflow schedule --list`: each trigger's last fire and next 3 fire times; with `json`,
    /// `{"triggers": […]}` (docs/cli.md).
    public func scheduleListing(paths: [String], stateDirectory: String?, json: Bool = false) async throws(RuntimeError)
        -> String
    {
        let loaded = try loadScheduled(paths)
        let state = StateDirectory(option: stateDirectory, environment: environment)
        try state.create()
        let store = try state.openStore()
        let listings = await ScheduleListing.make(workflows: loaded.scheduled, store: store, now: Date())
        return json ? ScheduleListingJSON.render(listings) : ScheduleListingText.render(listings)
    }

    /// The listing of every trigger of the workflow files under `paths` (`workflows` when empty), read from
    /// `store` (already open): what `havenflow serve` shows on `/schedules` and `/api/schedules`. Nothing is
    /// reported; an invalid file throws its diagnostics.
    public func scheduleListings(paths: [String], store: any StateStore, now: Date = Date()) async throws(RuntimeError)
        -> [ScheduleListing]
    {
        let loaded = ScheduleSources(runtime: self, paths: paths.isEmpty ? ["workflows"] : paths).load()
        guard loaded.valid else {
            throw RuntimeError(.invalid, "the triggers cannot be listed:\n" + loaded.diagnostics.joined(separator: "\n"))
        }
        return await ScheduleListing.make(workflows: loaded.scheduled, store: store, now: now)
    }

    /// `havenflow schedule`: fires the `on.schedule` triggers until SIGINT or SIGTERM (SIGHUP reloads the
    /// files), or, with `once`, what is due now. Returns how many fired runs failed.
    public func schedule(_ request: ScheduleRequest) async throws(RuntimeError) -> Int {
        let sources = ScheduleSources(runtime: self, paths: request.paths.isEmpty ? ["workflows"] : request.paths)
        let loaded = try loadScheduled(sources)
        let state = StateDirectory(option: request.stateDirectory, secretsFile: request.secretsFile, environment: environment)
        try state.create()
        let store = try state.openStore()
        // A scheduler whose lease another one took over (it stopped renewing for longer than the lease)
        // stops firing: the other one fires from now on.
        let group = Mutex<ServiceGroup?>(nil)
        let report = report
        // On SQLite one scheduler at a time (its lease); on PostgreSQL any number, each due time claimed
        // by one of them (`FireStore.claim`).
        let lease: SchedulerLease? =
            store is PostgresStateStore
            ? nil
            : try await SchedulerLease.take(store: store, state: state) { error in
                report("scheduler: \(error); stopping so that every due time fires once")
                await group.withLock { $0 }?.triggerGracefulShutdown()
            }
        var settings = ProcessLauncher.Settings(
            state: state, executable: request.executable, endpoint: request.endpoint, secretsFile: request.secretsFile)
        if let url = state.store { settings.environment["HAVENFLOW_STORE"] = url }
        var sandbox: PackSandbox?
        if request.sandbox {
            do {
                for pack in packs where sandbox == nil { sandbox = try await pack.startSharedSandbox(stateDirectory: state.path) }
            } catch {
                await lease?.release()
                throw RuntimeError(error)
            }
            (settings.endpoint, settings.environment) = (sandbox?.endpoint, sandbox?.environment ?? [:])
        }
        let launcher = ProcessLauncher(settings: settings, store: store, report: report)
        let (fireStore, firing) = SchedulerDeathHook.apply(environment, store: store, launcher: launcher)
        // Schedulers sharing PostgreSQL take over each other's stale claims (and claim again the due times
        // the database did not answer for) every third of a lease.
        let configuration = Scheduler.Configuration(claimSweep: store is PostgresStateStore ? Heartbeat.interval : nil)
        var logger = Logger(label: "havenflow.scheduler")
        logger.logLevel = .info
        let count = loaded.scheduled.count
        report(
            "scheduler: \(count) scheduled workflow\(count == 1 ? "" : "s") in \(loaded.files) "
                + "file\(loaded.files == 1 ? "" : "s")")
        if request.once {
            await Scheduler(
                workflows: loaded.scheduled, store: fireStore, launcher: firing, configuration: configuration, logger: logger
            ).runOnce()
        } else {
            let service = ScheduleService(
                sources: sources, initial: loaded.scheduled, store: fireStore, launcher: firing,
                configuration: configuration, logger: logger, report: report)
            let services = ServiceGroup(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            group.withLock { $0 = services }
            try? await services.run()
            await launcher.terminateAll()
            report("scheduler: stopped")
        }
        await sandbox?.stop()
        await lease?.release()
        return launcher.failures
    }

    private func loadScheduled(_ paths: [String]) throws(RuntimeError) -> ScheduleSources.Loaded {
        try loadScheduled(ScheduleSources(runtime: self, paths: paths.isEmpty ? ["workflows"] : paths))
    }

    /// Every file under the sources, loaded; an invalid one stops the scheduler before it starts.
    private func loadScheduled(_ sources: ScheduleSources) throws(RuntimeError) -> ScheduleSources.Loaded {
        let loaded = sources.load()
        for diagnostics in loaded.diagnostics { report(diagnostics) }
        guard loaded.valid else {
            throw RuntimeError(.invalid, "the scheduler did not start: fix the workflow files above")
        }
        return loaded
    }
}
