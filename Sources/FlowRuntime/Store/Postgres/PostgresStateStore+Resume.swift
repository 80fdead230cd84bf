import FlowCore
import Foundation
import JSONValue
import PostgresNIO

extension PostgresStateStore {
    /// What `runID` already did (as `SQLiteStateStore.resumeState`: `StoredRecords.resumeState`).
    public func resumeState(runID: String, rerun: Set<String>) async throws(StateStoreError) -> ResumeState {
        try await transaction { (connection: PostgresConnection) async throws -> ResumeState in
            let succeeded = try await connection.run(
                "SELECT key, outputs, items FROM steps WHERE run_id = $1 AND status = 'succeeded' AND NOT is_finally",
                [runID]
            ).rows.map { (key: try $0.value("key", as: String.self), outputs: try $0.value("outputs", as: String?.self),
                          items: try $0.value("items", as: Int?.self)) }
            let cutOff = try await connection.run(
                """
                SELECT key, started_at FROM steps WHERE run_id = $1 AND status IN ('running', 'interrupted')
                    AND NOT is_finally AND items IS NULL
                """, [runID]
            ).rows.map { (key: try $0.value("key", as: String.self), startedAt: try $0.value("started_at", as: Double?.self)) }
            return StoredRecords.resumeState(
                succeeded: succeeded, cutOff: cutOff, elements: try await Self.latestElements(connection, runID: runID),
                rerun: rerun)
        }
    }

    /// Readies `run` to be resumed by this process, in one transaction.
    public func prepareResume(_ run: RunRegistration, rerun: Set<String>) async throws(StateStoreError) {
        let process = process
        try await transaction { connection in
            for key in rerun {
                _ = try await connection.run("DELETE FROM steps WHERE run_id = $1 AND key = $2", [run.id, key])
                _ = try await connection.run("DELETE FROM element_batches WHERE run_id = $1 AND step = $2", [run.id, key])
            }
            _ = try await connection.run(
                """
                UPDATE runs SET status = 'running', finished_at = NULL, error = NULL, file_hash = $1, step_keys = $2,
                    pid = $3, host = $4, started = $5, resumes = resumes + 1 WHERE id = $6
                """,
                [
                    run.fileHash, JSON.array(run.stepKeys.map(JSON.string)).rendered(), process.pid, process.host,
                    process.started, run.id,
                ])
        }
    }
}
