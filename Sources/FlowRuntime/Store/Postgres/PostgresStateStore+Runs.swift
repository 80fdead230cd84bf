import FlowCore
import Foundation
import JSONValue
import PostgresNIO

extension PostgresStateStore {
    public func register(_ run: RunRegistration, at time: Date) async throws(StateStoreError) {
        let process = process
        _ = try await withConnection { connection in
            try await connection.run(
                """
                INSERT INTO runs (id, workflow, file, file_hash, step_keys, inputs, status, started_at, pid, host, started)
                VALUES ($1, $2, $3, $4, $5, '{}', 'running', $6, $7, $8, $9)
                """,
                [
                    run.id, run.workflow, run.file, run.fileHash, JSON.array(run.stepKeys.map(JSON.string)).rendered(),
                    time.timeIntervalSince1970, process.pid, process.host, process.started,
                ])
        }
    }

    public func runs(workflow: String?, limit: Int?) async throws(StateStoreError) -> [RunSummary] {
        try await withConnection { connection in
            var sql = "SELECT * FROM runs"
            var values: [any PostgresValue] = []
            if let workflow {
                values.append(workflow)
                sql += " WHERE workflow = $\(values.count)"
            }
            sql += " ORDER BY started_at DESC, seq DESC"
            if let limit {
                values.append(limit)
                sql += " LIMIT $\(values.count)"
            }
            return try await connection.run(sql, values).rows.map(Self.summary)
        }
    }

    public func run(_ id: String) async throws(StateStoreError) -> RunDetail {
        try await withConnection { connection in
            guard let row = try await connection.run("SELECT * FROM runs WHERE id = $1", [id]).rows.first else {
                throw StateStoreError(.unknownRun(id))
            }
            let steps = try await connection.run("SELECT * FROM steps WHERE run_id = $1", [id]).rows.map { step in
                StoredRecords.Step(
                    key: try step.value("key"), action: try step.value("action"), status: try step.value("status"),
                    attempts: try step.value("attempts"), outputs: try step.value("outputs"), items: try step.value("items"),
                    error: try step.value("error"), reason: try step.value("reason"), isFinally: try step.value("is_finally"),
                    durationMs: try step.value("duration_ms"))
            }
            return StoredRecords.detail(
                summary: try Self.summary(row), inputs: try row.value("inputs"), stepKeys: try row.value("step_keys"),
                error: try row.value("error"), steps: steps, elements: try await Self.latestElements(connection, runID: id))
        }
    }

    public func elements(runID: String, step: String) async throws(StateStoreError) -> [ElementSummary] {
        try await withConnection { connection in
            let status = try await connection.run("SELECT status FROM runs WHERE id = $1", [runID]).rows.first?
                .value("status", as: String.self)
            let latest = try await Self.latestElements(connection, runID: runID, step: step)[step, default: [:]]
            return StoredRecords.shown(latest, runStatus: status ?? "").values.sorted { $0.index < $1.index }
        }
    }

    /// The latest record of each `for_each` element of `runID` (of `step` only, when given), by step and
    /// index: the batch rows in the order they were written, a later record replacing an earlier one.
    static func latestElements(_ connection: PostgresConnection, runID: String, step: String? = nil) async throws
        -> [String: [Int: ElementSummary]]
    {
        let rows =
            if let step {
                try await connection.run(
                    "SELECT step, records FROM element_batches WHERE run_id = $1 AND step = $2 ORDER BY id", [runID, step])
            } else {
                try await connection.run("SELECT step, records FROM element_batches WHERE run_id = $1 ORDER BY id", [runID])
            }
        var elements: [String: [Int: ElementSummary]] = [:]
        for row in rows.rows {
            StoredRecords.add(records: try row.value("records"), step: try row.value("step"), to: &elements)
        }
        return elements
    }

    static func summary(_ row: PostgresRow) throws -> RunSummary {
        RunSummary(
            id: try row.value("id"), workflow: try row.value("workflow"), file: try row.value("file"),
            fileHash: try row.value("file_hash"),
            status: RecordedRunStatus(rawValue: try row.value("status")) ?? .interrupted,
            startedAt: Date(timeIntervalSince1970: try row.value("started_at")),
            finishedAt: try row.value("finished_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            durationMs: try row.value("duration_ms"), pid: try row.value("pid"), host: try row.value("host"),
            resumes: try row.value("resumes"))
    }
}
