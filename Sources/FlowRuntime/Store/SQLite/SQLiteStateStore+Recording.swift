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
            switch EventRecord(event) {
            case .runStarted(let workflow, let file, let inputs):
                try write { db in try recordStart(db, event, workflow: workflow, file: file, inputs: inputs) }
            case .statement(let sql, let values):
                try execute(sql, StatementArguments(values.map(\.databaseValue)))
            case .element(let entry):
                elementCommits.enqueue(entry)
            case nil:
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
        await elementCommits.recordDurably(event, otherwise: recordSynchronously) { failure in
            recordingFailures.withLock { $0.append(failure) }
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
        _ db: Database, _ event: RunEvent, workflow: String, file: String, inputs rendered: String
    ) throws {
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
}

extension StoredValue {
    var databaseValue: (any DatabaseValueConvertible)? {
        switch self {
        case .text(let value): value.databaseValue
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .bool(let value): value.databaseValue
        }
    }
}
