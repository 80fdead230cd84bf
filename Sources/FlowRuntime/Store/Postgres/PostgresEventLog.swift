import Dispatch
import FlowCore
import JSONValue
import PostgresNIO
import Synchronization

/// A PostgreSQL store's copy of each run's JSON Lines event log (the `events` table), so that `havenflow
/// logs RUN_ID` works from any host. The lines are those of the local run log (`RunEvent.json()`, the
/// events already masked); like the local log's, they are written behind the run, not before the engine
/// goes on: queued, and inserted in batches on the recorder connection's queue.
final class PostgresEventLog: Sendable {
    private let recorder: PostgresRecorder
    private let pending = Mutex<(events: [RunEvent], scheduled: Bool)>(([], false))
    private let failures = Mutex<[String]>([])
    /// The most lines in one INSERT (two parameters each, under the protocol's 65,535).
    static let batch = 2_000

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
        let lines = events.map { (runID: $0.runID, line: $0.json().rendered()) }
        for start in stride(from: 0, to: lines.count, by: Self.batch) {
            let chunk = lines[start..<min(start + Self.batch, lines.count)]
            var sql = "INSERT INTO events (run_id, line) VALUES "
            var values: [any PostgresValue] = []
            for (offset, entry) in chunk.enumerated() {
                sql += (offset == 0 ? "" : ", ") + "($\(values.count + 1), $\(values.count + 2))"
                values += [entry.runID, entry.line]
            }
            do {
                try recorder.execute(PostgresQuery(unsafeSQL: sql, binds: .of(values)))
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
