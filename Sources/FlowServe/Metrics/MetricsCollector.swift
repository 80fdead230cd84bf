import FlowCore
import FlowRuntime
import Foundation

/// What `/metrics` shows, kept up to date incrementally at each scrape from what a (read-only, often
/// separate) server can see: the state store's runs and fire records and the runs' JSON Lines logs — for
/// a run recorded by another host (a shared PostgreSQL store, no log here), the lines the store holds.
///
/// A scrape asks the store for the newest runs only — a page that grows until its oldest run is one
/// already known (every run, the first time) — plus each run still known as running, and reads only the
/// lines appended to the logs of runs that are new, changed or running. Every
/// `fullListingEvery`-th scrape lists every run, to see old runs that were resumed.
public actor MetricsCollector {
    /// How often (in scrapes) every run is listed rather than the newest ones.
    public static let fullListingEvery = 40
    static let firstPage = 100

    private struct KnownRun {
        var workflow: String
        var status: RecordedRunStatus
        /// How many times the run was resumed: a run resumed between two scrapes may end with the status
        /// it had before.
        var resumes: Int
        var cursor = RunLogCursor()
        /// Neither the log nor the store's copy of it could be read when the run was last looked at.
        var logMissing = false
    }

    private let store: any StateStore
    private let runLog: @Sendable (String) -> String
    private let storedLog: @Sendable (String) async -> [ArraySlice<UInt8>]?
    private let triggers: @Sendable () async -> [TriggerID]
    private let series = MetricsSeries()
    private var runs: [String: KnownRun] = [:]
    private var unreadableLogs: Set<String> = []
    private var runGauges: Set<[String]> = []
    private var fires = FireTally()
    private var scrapes = 0
    private var latestUpdate: Task<Void, Never>?

    /// A collector over `store`, whose runs' logs are at `runLog(RUN_ID)` (`StateDirectory.runLogPath`)
    /// or, for a run with no log there, are the lines `storedLog(RUN_ID)` gives (`RunReader.storedLogLines`:
    /// a shared PostgreSQL store's copy; none by default), counting the fire records of `triggers` (the
    /// scheduled workflows' triggers; none by default).
    public init(
        store: any StateStore, runLog: @escaping @Sendable (String) -> String,
        storedLog: @escaping @Sendable (String) async -> [ArraySlice<UInt8>]? = { _ in nil },
        triggers: @escaping @Sendable () async -> [TriggerID] = { [] }
    ) {
        self.store = store
        self.runLog = runLog
        self.storedLog = storedLog
        self.triggers = triggers
    }

    /// Brings the series up to date and renders them in the Prometheus text format. Throws what the store
    /// threw (a `StateStoreError` names the store and the failure). Concurrent scrapes take turns, so
    /// nothing is counted twice.
    public func scrape() async throws -> [UInt8] {
        let previous = latestUpdate
        let update = Task {
            await previous?.value
            try await self.update()
        }
        latestUpdate = Task { _ = try? await update.value }
        try await update.value
        return series.exposition()
    }

    private func update() async throws {
        defer { scrapes += 1 }
        for id in try await changedRuns() {
            await readLog(of: id)
        }
        setRunGauges()
        var fires = fires
        defer { self.fires = fires }
        try await fires.count(await triggers(), store: store, series: series)
    }

    /// Updates `runs` from the store; returns the ids of the runs whose logs may have grown.
    private func changedRuns() async throws(StateStoreError) -> [String] {
        var limit: Int? = runs.isEmpty || scrapes % Self.fullListingEvery == 0 ? nil : Self.firstPage
        var page = try await store.runs(workflow: nil, limit: limit)
        while let size = limit, page.count == size, let oldest = page.last, runs[oldest.id] == nil {
            limit = size * 2
            page = try await store.runs(workflow: nil, limit: limit)
        }
        var listed = Set<String>()
        var changed: [String] = []
        for summary in page {
            listed.insert(summary.id)
            if note(summary) { changed.append(summary.id) }
        }
        for (id, run) in runs where !listed.contains(id) && run.status == .running {
            if note(try await store.run(id).summary) { changed.append(id) }
        }
        return changed
    }

    /// Records `summary`; whether its log should be read (a new or changed run, one still running, or one
    /// whose log has not yet shown its end).
    private func note(_ summary: RunSummary) -> Bool {
        guard var run = runs[summary.id] else {
            runs[summary.id] = KnownRun(workflow: summary.workflow, status: summary.status, resumes: summary.resumes)
            return true
        }
        let changed = run.status != summary.status || run.resumes != summary.resumes
        run.status = summary.status
        run.resumes = summary.resumes
        runs[summary.id] = run
        return changed || run.status == .running || (!run.cursor.runFinished && !run.logMissing)
    }

    /// Counts what was appended to the run's log since it was last read: the local file, else the store's
    /// copy of a run recorded by another host.
    private func readLog(of id: String) async {
        guard var run = runs[id] else { return }
        var events = run.cursor.newEvents(path: runLog(id))
        if events == nil, let lines = await storedLog(id) { events = run.cursor.newEvents(storedLines: lines) }
        guard let events else {
            run.logMissing = true
            runs[id] = run
            unreadableLogs.insert(id)
            return
        }
        run.logMissing = false
        unreadableLogs.remove(id)
        RunEventTally(series: series, workflow: run.workflow).count(events, cursor: &run.cursor)
        runs[id] = run
    }

    /// `havenflow_runs{workflow, status}` from the known runs (0 for a pair that had runs and has none now).
    private func setRunGauges() {
        var counts: [[String]: Int] = [:]
        for run in runs.values { counts[[run.workflow, run.status.rawValue], default: 0] += 1 }
        runGauges.formUnion(counts.keys)
        for key in runGauges {
            series.set(MetricsSeries.runs, [("workflow", key[0]), ("status", key[1])], to: counts[key] ?? 0)
        }
        series.set(MetricsSeries.unreadableLogs, [], to: unreadableLogs.count)
    }
}
