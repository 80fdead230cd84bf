import FlowCore
import Foundation
import PostgresNIO
import Synchronization

/// The store as the engine's observer, as the SQLite store is (`EventRecord` says what each event
/// writes): each record is committed before the engine goes on — a statement on the recorder connection
/// that the engine's call waits for, elements in group commits on the same connection.
extension PostgresStateStore: SynchronousRunObserver {
    public func recordSynchronously(_ event: RunEvent) {
        events.append(event)
        do {
            switch EventRecord(event) {
            case .runStarted(let workflow, let file, let inputs):
                // A run the caller did not register (an engine used with the store alone): what is known.
                try recorder.execute(
                    PostgresQuery(
                        unsafeSQL: """
                            INSERT INTO runs (id, workflow, file, file_hash, step_keys, inputs, status, started_at, pid,
                                host, started)
                            VALUES ($1, $2, $3, '', '[]', $4, 'running', $5, $6, $7, $8)
                            ON CONFLICT (id) DO UPDATE SET inputs = excluded.inputs, status = 'running', finished_at = NULL
                            """,
                        binds: .of([
                            event.runID, workflow, file, inputs, event.ts.timeIntervalSince1970, process.pid, process.host,
                            process.started,
                        ])))
            case .statement(let sql, let values):
                try recorder.execute(
                    PostgresQuery(unsafeSQL: RecordingSQL.numbered(sql), binds: .of(values.map(\.postgresValue))))
            case .element(let entry):
                elementCommits.enqueue(entry)
            case nil:
                break
            }
        } catch {
            recordingFailures.withLock { $0.append("\(event.name): \(error)") }
        }
    }

    /// An element's record is written in a group commit with the elements starting or finishing at the
    /// same time; every other event as `recordSynchronously` writes it.
    public func recordDurably(_ event: RunEvent) async {
        await elementCommits.recordDurably(event, committing: events.append, otherwise: recordSynchronously) { failure in
            recordingFailures.withLock { $0.append(failure) }
        }
    }
}

extension StoredValue {
    var postgresValue: any PostgresValue {
        switch self {
        case .text(let value): value
        case .integer(let value): value
        case .real(let value): value
        case .bool(let value): value
        }
    }
}
