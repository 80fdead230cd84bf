import FlowCore
import FlowRuntime
import Foundation

/// Every read the server makes, through FlowRuntime's public API only (`StateStore`, `RunHistory`), so
/// the pages work on every store backend. Read-only: nothing here writes to the store.
public struct RunReader: Sendable {
    public let state: StateDirectory
    public let store: any StateStore
    /// The JSON the CLI prints (`runs --json`, `show --json`, `logs`), for the JSON API.
    public let history: RunHistory
    /// For the schedule listing (loading workflow files needs the packs).
    let runtime: Runtime
    let workflowPaths: [String]

    public init(state: StateDirectory, store: any StateStore, runtime: Runtime, workflowPaths: [String]) {
        self.state = state
        self.store = store
        self.history = RunHistory(state: state, store: store)
        self.runtime = runtime
        self.workflowPaths = workflowPaths
    }

    /// The run with `id`, or `nil` when the store has none.
    func run(_ id: String) async throws(RuntimeError) -> RunDetail? {
        do {
            return try await store.run(id)
        } catch {
            if error.isUnknownRun { return nil }
            throw RuntimeError(.failed, error.description)
        }
    }

    /// The lines of a run recorded by another host — no run log here, a shared PostgreSQL store — as the
    /// store holds its events; `nil` when the run has a log on this host (read that) or the store has none.
    func storedLogLines(runID: String) async -> [ArraySlice<UInt8>]? {
        guard !FileManager.default.fileExists(atPath: state.runLogPath(runID)),
            let data = try? await history.log(runID: runID)
        else { return nil }
        return LogLine.lines(of: [UInt8](data))
    }

    /// Runs newest first (of one workflow), at most `limit`.
    func runs(workflow: String?, limit: Int?) async throws(RuntimeError) -> [RunSummary] {
        do {
            return try await store.runs(workflow: workflow, limit: limit)
        } catch {
            throw RuntimeError(.failed, error.description)
        }
    }

    /// The recorded elements of a `for_each` step.
    func elements(runID: String, step: String) async throws(RuntimeError) -> [ElementSummary] {
        do {
            return try await store.elements(runID: runID, step: step)
        } catch {
            throw RuntimeError(.failed, error.description)
        }
    }

    /// The triggers of the workflow files under `workflowPaths`.
    func schedules() async throws(RuntimeError) -> [ScheduleListing] {
        try await runtime.scheduleListings(paths: workflowPaths, store: store)
    }

    /// The latest `limit` fire records of each of `triggers`, newest first.
    func fires(of triggers: [TriggerID], limit: Int) async throws(RuntimeError) -> [TriggerID: [FireRecord]] {
        var records: [TriggerID: [FireRecord]] = [:]
        for trigger in triggers {
            do {
                records[trigger] = try await store.records(of: trigger, limit: limit)
            } catch {
                throw RuntimeError(.failed, "the fire records of \(trigger.workflow) cannot be read: \(error)")
            }
        }
        return records
    }
}
