/// The statements both backends record steps with (SQLite's `?` placeholders; `numbered` gives
/// PostgreSQL's `$1`…): the same upserts, so that a step reads back the same from either.
enum RecordingSQL {
    /// A step started again after it was cut off (`running` or `interrupted`) keeps its first start time:
    /// `resume` passes it to the action as the time the earlier process started it.
    /// Arguments: run id, key, action, items, started at.
    static let stepStarted = """
        INSERT INTO steps (run_id, key, action, status, items, started_at) VALUES (?, ?, ?, 'running', ?, ?)
        ON CONFLICT (run_id, key) DO UPDATE SET action = excluded.action, status = 'running', attempts = 0,
            outputs = NULL, error = NULL, reason = NULL, items = excluded.items,
            started_at = CASE WHEN steps.status IN ('running', 'interrupted') THEN steps.started_at
                ELSE excluded.started_at END,
            finished_at = NULL, duration_ms = NULL
        """

    /// Arguments: run id, key, action, status, attempts, outputs, error, reason, is finally, finished at,
    /// duration.
    static let stepFinished = """
        INSERT INTO steps (run_id, key, action, status, attempts, outputs, error, reason, is_finally, finished_at,
            duration_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id, key) DO UPDATE SET action = excluded.action, status = excluded.status,
            attempts = excluded.attempts, outputs = excluded.outputs, error = excluded.error,
            reason = excluded.reason, is_finally = excluded.is_finally, finished_at = excluded.finished_at,
            duration_ms = excluded.duration_ms
        """

    /// Arguments: status, error, finished at, duration, run id.
    static let runFinished = """
        UPDATE runs SET status = ?, error = ?, finished_at = ?, duration_ms = COALESCE(duration_ms, 0) + ? WHERE id = ?
        """

    /// `sql` with its `?` placeholders numbered `$1`, `$2`… (none of these statements has a `?` elsewhere).
    static func numbered(_ sql: String) -> String {
        var result = ""
        var count = 0
        for character in sql {
            if character == "?" {
                count += 1
                result += "$\(count)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}
