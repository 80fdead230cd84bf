import Dispatch
import PostgresNIO
import Synchronization

/// The connection a PostgreSQL store's records go through: the engine's synchronous records (a
/// statement at a time, the caller waiting for its commit) and the group commits of `for_each`
/// elements, whose writer runs on `queue`. One at a time, in the order they come.
final class PostgresRecorder: Sendable {
    /// The store, for messages.
    let location: String
    /// Where the group commit's writer runs.
    let queue = DispatchQueue(label: "havenflow-postgres-recorder")
    private let connection = Mutex<PostgresConnection?>(nil)

    init(location: String) {
        self.location = location
    }

    /// Uses `connection` from now on (nil: none), closing the one before.
    func replace(with connection: PostgresConnection?) {
        let old = self.connection.withLock { current in
            defer { current = connection }
            return current
        }
        old?.closeSoon()
    }

    /// Whether the connection is there and open (not after the server closed it, or restarted).
    var isOpen: Bool { connection.withLock { $0.map { !$0.isClosed } ?? false } }

    /// Runs `query` and waits for it (autocommit: one statement, one transaction).
    func execute(_ query: PostgresQuery) throws {
        try withConnection { connection in _ = try connection.collect(query).wait() }
    }

    /// `entries` (a group commit's batch) in one transaction: one INSERT (a statement is its own
    /// transaction: one round trip, not three) of one row per run of entries of the same run and step
    /// (`ElementEntry.batches`).
    func commit(_ entries: [ElementEntry]) throws {
        var sql = "INSERT INTO element_batches (run_id, step, records) VALUES "
        var values: [any PostgresValue] = []
        for (offset, batch) in ElementEntry.batches(entries).enumerated() {
            sql += (offset == 0 ? "" : ", ") + "($\(values.count + 1), $\(values.count + 2), $\(values.count + 3))"
            values += [batch.runID, batch.step, batch.records]
        }
        try execute(PostgresQuery(unsafeSQL: sql, binds: .of(values)))
    }

    /// Runs `body` on the connection, its errors turned into sentences naming the database.
    private func withConnection(_ body: (PostgresConnection) throws -> Void) throws(StateStoreError) {
        do {
            try connection.withLock { connection in
                guard let connection, !connection.isClosed else {
                    throw StateStoreError(.database("\(location): the connection is closed"))
                }
                try body(connection)
            }
        } catch let error as StateStoreError {
            throw error
        } catch {
            throw StateStoreError(.database("\(location): \(PostgresStateStore.describe(error))"))
        }
    }
}
