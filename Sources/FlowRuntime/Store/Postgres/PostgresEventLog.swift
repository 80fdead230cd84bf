import Dispatch
import FlowCore
import JSONValue
import PostgresNIO
import Synchronization

/// A PostgreSQL store's copy of each run's JSON Lines event log (the `events` table), so that `havenflow
/// logs RUN_ID` works from any host. The lines are those of the local run log (`RunEvent.line`, the
/// events already masked); like the local log's, they are written behind the run, not before the engine
/// goes on: queued, rendered and inserted in batches on a connection of their own (`recorder`), so that
/// the element records' group commits, which the engine waits for, never queue behind them.
final class PostgresEventLog: Sendable {
    /// The connection (and queue) the lines go through: not the one of the engine's records.
    let recorder: PostgresRecorder
    private let pending = Mutex<(events: [RunEvent], scheduled: Bool)>(([], false))
    private let failures = Mutex<[String]>([])
    /// The most lines in one INSERT.
    static let batch = 5_000

    init(recorder: PostgresRecorder) {
        self.recorder = recorder
    }

    /// Errors of batches that could not be written, as sentences.
    var errors: [String] { failures.withLock { $0 } }

    /// Queues `event`; its line is rendered and written with a batch soon after, off the engine's path.
    func append(_ event: RunEvent) {
        let schedule = pending.withLock { pending in
            pending.events.append(event)
            defer { pending.scheduled = true }
            return !pending.scheduled
        }
        if schedule { recorder.queue.async { self.flush() } }
    }

    /// On the recorder's queue: writes what is queued.
    private func flush() {
        let events = pending.withLock { pending in
            defer { pending = ([], false) }
            return pending.events
        }
        for start in stride(from: 0, to: events.count, by: Self.batch) {
            let chunk = events[start..<min(start + Self.batch, events.count)]
            // Two array parameters, not two per line: the server parses one short statement per batch.
            let query: PostgresQuery = """
                INSERT INTO events (run_id, line)
                SELECT run_id, line FROM unnest(\(chunk.map(\.runID)), \(chunk.map(\.line)))
                    WITH ORDINALITY AS batch (run_id, line, position) ORDER BY position
                """
            do {
                try recorder.execute(query)
            } catch {
                failures.withLock { $0.append("events: \(error)") }
            }
        }
    }
}

extension PostgresStateStore {
    /// The JSON Lines event log of `runID` as its processes recorded it, on whatever host.
    public func eventLog(runID: String) async throws(StateStoreError) -> [String] {
        try await withConnection { connection in
            try await connection.run("SELECT line FROM events WHERE run_id = $1 ORDER BY id", [runID]).rows.map {
                try $0.value("line", as: String.self)
            }
        }
    }
}
