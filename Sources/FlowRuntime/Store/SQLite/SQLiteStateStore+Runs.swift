import FlowCore
import Foundation
import GRDB
import JSONValue

extension SQLiteStateStore {
    /// Records a new run (status `running`, this process's pid and host).
    public func register(_ run: RunRegistration, at time: Date) async throws(StateStoreError) {
        let process = process
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, workflow, file, file_hash, step_keys, inputs, status, started_at, pid, host,
                        started)
                    VALUES (?, ?, ?, ?, ?, '{}', 'running', ?, ?, ?, ?)
                    """,
                arguments: [
                    run.id, run.workflow, run.file, run.fileHash, JSON.array(run.stepKeys.map(JSON.string)).rendered(),
                    time.timeIntervalSince1970, process.pid, process.host, process.started,
                ])
        }
    }

    /// Runs, newest first, optionally of one workflow only.
    public func runs(workflow: String?, limit: Int?) async throws(StateStoreError) -> [RunSummary] {
        try await read { db in
            var sql = "SELECT * FROM runs"
            var arguments: StatementArguments = []
            if let workflow {
                sql += " WHERE workflow = ?"
                arguments += [workflow]
            }
            sql += " ORDER BY started_at DESC, rowid DESC"
            if let limit {
                sql += " LIMIT ?"
                arguments += [limit]
            }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.summary)
        }
    }

    /// The run with `id`, in full.
    public func run(_ id: String) async throws(StateStoreError) -> RunDetail {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]) else {
                throw StateStoreError(.unknownRun(id))
            }
            let stepKeys = (Self.json(row["step_keys"]).arrayValue ?? []).compactMap(\.stringValue)
            let elements = try Self.latestElements(db, runID: id).mapValues { Self.shown($0, runStatus: row["status"]) }
            var steps = try Row.fetchAll(db, sql: "SELECT * FROM steps WHERE run_id = ?", arguments: [id]).map { step in
                let key: String = step["key"]
                let recorded = elements[key] ?? [:]
                let failed = recorded.values.filter { $0.status == "failed" }.sorted { $0.index < $1.index }.prefix(20)
                return StepSummary(
                    key: key, action: step["action"], status: step["status"], attempts: step["attempts"],
                    outputs: Self.stepOutputs(step, elements: recorded), error: Self.optionalJSON(step["error"]),
                    reason: step["reason"], isFinally: step["is_finally"], durationMs: step["duration_ms"],
                    elements: recorded.isEmpty ? nil : Dictionary(grouping: recorded.values, by: \.status).mapValues(\.count),
                    elementErrors: failed.map { (index: $0.index, error: $0.error ?? .null) })
            }
            let order = Dictionary(stepKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            steps.sort { (order[$0.key] ?? Int.max) < (order[$1.key] ?? Int.max) }
            return RunDetail(
                summary: Self.summary(row), inputs: Self.json(row["inputs"]).objectValue ?? [:], stepKeys: stepKeys,
                error: Self.optionalJSON(row["error"]), steps: steps)
        }
    }

    /// The recorded elements of `step` in `runID`, by index (each element's latest record).
    public func elements(runID: String, step: String) async throws(StateStoreError) -> [ElementSummary] {
        try await read { db in
            let status = try String.fetchOne(db, sql: "SELECT status FROM runs WHERE id = ?", arguments: [runID])
            let latest = try Self.latestElements(db, runID: runID, step: step)[step, default: [:]]
            return Self.shown(latest, runStatus: status ?? "").values.sorted { $0.index < $1.index }
        }
    }

    /// Elements as `show` presents them: one whose latest record says it `started` is `running` while its
    /// run is, else `interrupted` (its process died before it ended).
    static func shown(_ elements: [Int: ElementSummary], runStatus: String) -> [Int: ElementSummary] {
        elements.mapValues { element in
            guard element.status == "started" else { return element }
            var shown = element
            shown.status = runStatus == "running" ? "running" : "interrupted"
            return shown
        }
    }

    static func summary(_ row: Row) -> RunSummary {
        RunSummary(
            id: row["id"], workflow: row["workflow"], file: row["file"], fileHash: row["file_hash"],
            status: RecordedRunStatus(rawValue: row["status"]) ?? .interrupted,
            startedAt: Date(timeIntervalSince1970: row["started_at"]),
            finishedAt: (row["finished_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            durationMs: row["duration_ms"], pid: row["pid"], host: row["host"], resumes: row["resumes"])
    }

    static func json(_ text: String?) -> JSON {
        optionalJSON(text) ?? .null
    }

    static func optionalJSON(_ text: String?) -> JSON? {
        guard let text else { return nil }
        return try? JSON(parsing: text)
    }
}
