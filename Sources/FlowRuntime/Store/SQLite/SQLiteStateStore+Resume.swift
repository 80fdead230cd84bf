import FlowCore
import Foundation
import GRDB
import JSONValue

extension SQLiteStateStore {
    /// What `run` already did, for the engine: its succeeded steps (not of `finally`, which runs again)
    /// with their outputs, and the succeeded elements of its other `for_each` steps; and the plain steps
    /// and elements that started and never ended (`running`, `started` or `interrupted`), which run again
    /// as retries after a lost answer. Steps in `rerun` (and their elements) are left out, so they run
    /// again as first attempts.
    public func resumeState(runID: String, rerun: Set<String>) async throws(StateStoreError) -> ResumeState {
        try await read { db in
            let succeeded = try Row.fetchAll(
                db,
                sql: "SELECT key, outputs, items FROM steps WHERE run_id = ? AND status = 'succeeded' AND is_finally = 0",
                arguments: [runID]
            ).map { (key: $0["key"] as String, outputs: $0["outputs"] as String?, items: $0["items"] as Int?) }
            // Plain steps that started and never ended (a `for_each` step's cut-off elements are its elements').
            let cutOff = try Row.fetchAll(
                db,
                sql: """
                    SELECT key, started_at FROM steps WHERE run_id = ? AND status IN ('running', 'interrupted')
                        AND is_finally = 0 AND items IS NULL
                    """,
                arguments: [runID]
            ).map { (key: $0["key"] as String, startedAt: $0["started_at"] as Double?) }
            return StoredRecords.resumeState(
                succeeded: succeeded, cutOff: cutOff, elements: try Self.latestElements(db, runID: runID), rerun: rerun)
        }
    }

    /// Readies `run` to be resumed by this process, in one transaction: forgets the records of the steps
    /// in `rerun` and their elements, records the file as it is now, and marks the run `running` again.
    public func prepareResume(_ run: RunRegistration, rerun: Set<String>) async throws(StateStoreError) {
        let process = process
        try await write { db in
            for key in rerun {
                try db.execute(sql: "DELETE FROM steps WHERE run_id = ? AND key = ?", arguments: [run.id, key])
                try db.execute(sql: "DELETE FROM element_batches WHERE run_id = ? AND step = ?", arguments: [run.id, key])
            }
            try db.execute(
                sql: """
                    UPDATE runs SET status = 'running', finished_at = NULL, error = NULL, file_hash = ?, step_keys = ?,
                        pid = ?, host = ?, started = ?, resumes = resumes + 1 WHERE id = ?
                    """,
                arguments: [
                    run.fileHash, JSON.array(run.stepKeys.map(JSON.string)).rendered(), process.pid, process.host,
                    process.started, run.id,
                ])
        }
    }
}
