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
            let steps = try Row.fetchAll(db, sql: "SELECT * FROM steps WHERE run_id = ?", arguments: [id]).map { step in
                StoredRecords.Step(
                    key: step["key"], action: step["action"], status: step["status"], attempts: step["attempts"],
                    outputs: step["outputs"], items: step["items"], error: step["error"], reason: step["reason"],
                    isFinally: step["is_finally"], durationMs: step["duration_ms"])
            }
            return StoredRecords.detail(
                summary: Self.summary(row), inputs: row["inputs"], stepKeys: row["step_keys"], error: row["error"],
                steps: steps, elements: try Self.latestElements(db, runID: id))
        }
    }

    /// The recorded elements of `step` in `runID`, by index (each element's latest record).
    public func elements(runID: String, step: String) async throws(StateStoreError) -> [ElementSummary] {
        try await read { db in
            let status = try String.fetchOne(db, sql: "SELECT status FROM runs WHERE id = ?", arguments: [runID])
            let latest = try Self.latestElements(db, runID: runID, step: step)[step, default: [:]]
            return StoredRecords.shown(latest, runStatus: status ?? "").values.sorted { $0.index < $1.index }
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
}
