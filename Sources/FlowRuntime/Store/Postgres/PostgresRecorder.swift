import Dispatch
import PostgresNIO
import Synchronization

/// The connection a PostgreSQL store's records go through: the engine's synchronous records (a
/// statement at a time, the caller waiting for its commit) and the group commits of `for_each`
/// elements, whose writer runs on `queue`. One at a time, in the order they come. A write that finds
/// the server gone reconnects and tries again for a bounded time (`WriteRetry`).
final class PostgresRecorder: Sendable {
    /// The store, for messages.
    let location: String
    /// Where the group commit's writer runs.
    let queue = DispatchQueue(label: "havenflow-postgres-recorder")
    /// How writes ride out an unreachable database.
    let retry: WriteRetry
    /// The connection, and whether the store is open (a closed store does not reconnect).
    private let link = Mutex<(connection: PostgresConnection?, open: Bool)>((nil, false))
    /// Opens a new connection, waiting for it.
    private let reconnect: @Sendable () throws -> PostgresConnection

    init(location: String, retry: WriteRetry, reconnect: @escaping @Sendable () throws -> PostgresConnection) {
        self.location = location
        self.retry = retry
        self.reconnect = reconnect
    }

    /// Uses `connection` from now on (nil: none, the store closing), closing the one before.
    func replace(with connection: PostgresConnection?) {
        let old = link.withLock { link in
            defer { link = (connection, connection != nil) }
            return link.connection
        }
        old?.closeSoon()
    }

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

    /// Runs `body` on the connection (a new one when the server closed it), again while the database
    /// is unreachable (`retry`); errors are sentences naming the database.
    private func withConnection(_ body: (PostgresConnection) throws -> Void) throws(StateStoreError) {
        try retry.perform {
            try link.withLock { link in
                guard link.open else { throw StateStoreError(.database("\(location): the connection is closed")) }
                if link.connection?.isClosed ?? true {
                    link.connection?.closeSoon()
                    link.connection = nil
                    link.connection = try reconnect()
                }
                try body(link.connection!)
            }
        }
    }
}
