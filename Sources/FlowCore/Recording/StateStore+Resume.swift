import Foundation
import GRDB
import JSONValue

extension StateStore {
    /// What `run` already did, for the engine: its succeeded steps (not of `finally`, which runs again)
    /// with their outputs, and the succeeded elements of its other `for_each` steps. Steps in `rerun`
    /// (and their elements) are left out, so they run again.
    public func resumeState(runID: String, rerun: Set<String> = []) throws(StateStoreError) -> ResumeState {
        try read { db in
            var state = ResumeState()
            let elements = try Self.latestElements(db, runID: runID)
            for row in try Row.fetchAll(
                db,
                sql: "SELECT key, outputs, items FROM steps WHERE run_id = ? AND status = 'succeeded' AND is_finally = 0",
                arguments: [runID])
            {
                let key: String = row["key"]
                if !rerun.contains(key) { state.succeededSteps[key] = Self.stepOutputs(row, elements: elements[key] ?? [:]) }
            }
            for (step, records) in elements where !rerun.contains(step) && state.succeededSteps[step] == nil {
                for record in records.values where record.status == "succeeded" {
                    state.succeededElements[step, default: [:]][record.index] = record.outputs
                }
            }
            return state
        }
    }

    /// Readies `run` to be resumed by this process, in one transaction: forgets the records of the steps
    /// in `rerun` and their elements, records the file as it is now, and marks the run `running` again.
    public func prepareResume(_ run: RunRegistration, rerun: Set<String>) throws(StateStoreError) {
        let process = process
        try write { db in
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

/// Whether a workflow file, changed since a run, still fits the run's records.
public enum ResumeCompatibility {
    /// The problems, as sentences: each recorded step (one that started) whose key is gone from
    /// `current`, or is at another position than in `recorded` (keys of `steps` then `finally`).
    public static func problems(recorded: [String], started: Set<String>, current: [String]) -> [String] {
        let positions = Dictionary(current.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for (position, key) in recorded.enumerated() where started.contains(key) {
            guard let now = positions[key] else {
                problems.append("step '\(key)' (step \(position + 1)) is no longer in the file")
                continue
            }
            if now != position {
                problems.append("step '\(key)' moved from step \(position + 1) to step \(now + 1)")
            }
        }
        return problems
    }
}
