import FlowCore
import Foundation
import GRDB
import JSONValue
import Synchronization

/// The store as the engine's observer: each event that changes a record is one transaction, committed
/// inside the emitting of the event (`SynchronousRunObserver`), so an element is on disk before the
/// engine counts it done.
extension SQLiteStateStore: SynchronousRunObserver {
    public func recordSynchronously(_ event: RunEvent) {
        do {
            switch event.kind {
            case .runStarted(let workflow, let file, let inputs):
                try write { db in try recordStart(db, event, workflow: workflow, file: file, inputs: inputs) }
            case .stepStarted(let step, let action, _, let items):
                try execute(Self.stepStartedSQL, [event.runID, step, action, items, event.ts.timeIntervalSince1970])
            case .itemStarted(let step, let index):
                elementCommits.enqueue(ElementEntry(started: event, step: step, index: index))
            case .itemFinished(let item) where !item.resumed:
                // An element that did not run (filtered out by `where`, skipped after `fail_fast` or an
                // interruption, or whose `where` failed) changed nothing and is decided again on resume:
                // its record goes with the next commit, without the engine waiting for it.
                elementCommits.enqueue(ElementEntry(event, item))
            case .stepFinished(let step) where !step.resumed:
                // A `for_each` step's outputs are its elements' outputs, already recorded with the elements:
                // they are read back from there (`stepOutputs`) rather than written twice.
                try execute(Self.stepFinishedSQL, [
                    event.runID, step.step, step.action,
                    step.error?.code == "interrupted" ? "interrupted" : step.status.rawValue, step.attempts,
                    step.items == nil ? step.outputs.rendered() : nil,
                    step.error?.json().rendered(), step.reason?.rawValue, step.isFinally, event.ts.timeIntervalSince1970,
                    step.durationMs,
                ])
            case .runFinished(let status, _, let durationMs, let error):
                try write { db in
                    try db.execute(
                        sql: """
                            UPDATE runs SET status = ?, error = ?, finished_at = ?,
                                duration_ms = COALESCE(duration_ms, 0) + ? WHERE id = ?
                            """,
                        arguments: [
                            status.rawValue, error?.json().rendered(), event.ts.timeIntervalSince1970, durationMs,
                            event.runID,
                        ])
                }
            default:
                break
            }
        } catch {
            recordingFailures.withLock { $0.append("\(event.name): \(error)") }
        }
    }

    /// An element's record (`item_finished`, and `item_started` before its action is called) is written in
    /// a group commit with the elements starting or finishing at the same time;
    /// every other event as `recordSynchronously` writes it.
    public func recordDurably(_ event: RunEvent) async {
        let entry: ElementEntry
        switch event.kind {
        case .itemFinished(let item) where !item.resumed: entry = ElementEntry(event, item)
        case .itemStarted(let step, let index): entry = ElementEntry(started: event, step: step, index: index)
        default: return recordSynchronously(event)
        }
        do {
            try await elementCommits.commit(entry)
        } catch {
            recordingFailures.withLock { $0.append("\(event.name): \(error)") }
        }
    }

    /// One statement in autocommit mode: SQLite makes it its own transaction, without the cost of an
    /// explicit BEGIN and COMMIT.
    private func execute(_ sql: String, _ arguments: StatementArguments) throws {
        try database.writeWithoutTransaction { db in
            try db.cachedStatement(sql: sql).execute(arguments: arguments)
        }
    }

    private func recordStart(
        _ db: Database, _ event: RunEvent, workflow: String, file: String, inputs: [String: JSON]
    ) throws {
        let rendered = JSON.object(inputs).rendered()
        try db.execute(
            sql: "UPDATE runs SET inputs = ?, status = 'running', finished_at = NULL WHERE id = ?",
            arguments: [rendered, event.runID])
        guard db.changesCount == 0 else { return }
        // A run the caller did not register (an engine used with the store alone): record what is known.
        try db.execute(
            sql: """
                INSERT INTO runs (id, workflow, file, file_hash, step_keys, inputs, status, started_at, pid, host, started)
                VALUES (?, ?, ?, '', '[]', ?, 'running', ?, ?, ?, ?)
                """,
            arguments: [
                event.runID, workflow, file, rendered, event.ts.timeIntervalSince1970, process.pid, process.host,
                process.started,
            ])
    }

    /// A step started again after it was cut off (`running` or `interrupted`) keeps its first start time:
    /// `resume` passes it to the action as the time the earlier process started it.
    private static let stepStartedSQL = """
        INSERT INTO steps (run_id, key, action, status, items, started_at) VALUES (?, ?, ?, 'running', ?, ?)
        ON CONFLICT (run_id, key) DO UPDATE SET action = excluded.action, status = 'running', attempts = 0,
            outputs = NULL, error = NULL, reason = NULL, items = excluded.items,
            started_at = CASE WHEN steps.status IN ('running', 'interrupted') THEN steps.started_at
                ELSE excluded.started_at END,
            finished_at = NULL, duration_ms = NULL
        """

    private static let stepFinishedSQL = """
        INSERT INTO steps (run_id, key, action, status, attempts, outputs, error, reason, is_finally, finished_at,
            duration_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id, key) DO UPDATE SET action = excluded.action, status = excluded.status,
            attempts = excluded.attempts, outputs = excluded.outputs, error = excluded.error,
            reason = excluded.reason, is_finally = excluded.is_finally, finished_at = excluded.finished_at,
            duration_ms = excluded.duration_ms
        """
}
