import FlowCore
import Foundation
import JSONValue

/// What `runs`, `show` and `logs` print: the recorded runs of a state store, as text or JSON.
public struct RunHistory: Sendable {
    public let state: StateDirectory
    let store: any StateStore

    /// Opens the store of the state directory (`--state-dir`, else `HAVENFLOW_STATE_DIR`, else `.havenflow`), or
    /// the PostgreSQL store `HAVENFLOW_STORE` names.
    public init(stateDirectory: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(RuntimeError)
    {
        state = StateDirectory(option: stateDirectory, environment: environment)
        store = try state.openStore()
    }

    /// Reads `store`, already open (a server keeps one open for all its requests; `state` holds the logs).
    public init(state: StateDirectory, store: any StateStore) {
        self.state = state
        self.store = store
    }

    /// `havenflow runs`: newest first, as a table or `{"runs": […]}`.
    public func runs(workflow: String?, limit: Int, json: Bool) async throws(RuntimeError) -> String {
        let runs = try await storeCall { () async throws(StateStoreError) in
            try await store.runs(workflow: workflow, limit: limit)
        }
        if json { return JSON.object(["runs": .array(runs.map(\.json))]).rendered() }
        if runs.isEmpty { return workflow.map { "no runs of \($0) recorded" } ?? "no runs recorded" }
        let rows = runs.map { run in
            [run.id, run.workflow, run.status.rawValue, Timestamp.rfc3339(run.startedAt),
             run.durationMs.map(DurationText.rounded(milliseconds:)) ?? "-"]
        }
        return TextTable(header: ["RUN", "WORKFLOW", "STATUS", "STARTED", "DURATION"], rows: rows).rendered
    }

    /// `havenflow show RUN_ID`: the run, its steps (with element counts) and errors; with `json`, one object
    /// with every element record.
    public func show(runID: String, json: Bool) async throws(RuntimeError) -> String {
        let run = try await record(runID)
        let log = state.runLogPath(run.summary.id)
        guard json else { return RunText.show(run, log: log) }
        var object = run.summary.json.objectValue ?? [:]
        object["inputs"] = .object(run.inputs)
        object["error"] = run.error ?? .null
        var steps: [JSON] = []
        for step in run.steps {
            var entry = step.json.objectValue ?? [:]
            if step.elements != nil {
                let elements = try await storeCall { () async throws(StateStoreError) in
                    try await store.elements(runID: run.summary.id, step: step.key)
                }
                entry["element_records"] = .array(elements.map(\.json))
            }
            steps.append(.object(entry))
        }
        object["steps"] = .array(steps)
        object["log"] = .string(log)
        return JSON.object(object).rendered()
    }

    /// `havenflow logs RUN_ID`: the run's JSON Lines event log, as written — from a PostgreSQL store when
    /// the run is in one (it ran on any host), else from the state directory's file.
    public func log(runID: String) async throws(RuntimeError) -> Data {
        let id = try await record(runID).summary.id
        if let postgres = store as? PostgresStateStore {
            let lines = try await storeCall { () async throws(StateStoreError) in try await postgres.eventLog(runID: id) }
            return Data(lines.map { $0 + "\n" }.joined().utf8)
        }
        let path = state.runLogPath(id)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError(.failed, "the log of run \(id), \(path), is missing")
        }
        return data
    }

    private func record(_ runID: String) async throws(RuntimeError) -> RunDetail {
        try await storeCall { () async throws(StateStoreError) in try await store.run(runID) }
    }
}
