import Logging
import PostgresNIO
import Synchronization

/// The connections of a PostgreSQL store: at most `maximum` open at once (each async call borrows one
/// for itself, a transaction included; a call that finds them all lent waits for one), kept open between
/// uses, opened again when the server closed them. Closed with the store.
final class PostgresConnections: Sendable {
    private struct Pool {
        var idle: [PostgresConnection] = []
        /// Connections counted against `maximum`: idle, lent, or being opened.
        var open = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    let address: PostgresAddress
    private let configuration: PostgresConnection.Configuration
    private let pool = Mutex(Pool())
    private let ids = Atomic<Int>(1)
    /// The most connections open at once (besides the two the engine's records and the events' copies go
    /// through): a scheduler's many claims, a run's heartbeat and reads share them.
    static let maximum = 6

    /// PostgresNIO's log: nothing but critical failures (every failure reaches the caller as an error).
    static let logger: Logger = {
        var logger = Logger(label: "havenflow.postgres")
        logger.logLevel = .critical
        return logger
    }()

    init(address: PostgresAddress) throws(StateStoreError) {
        self.address = address
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch address.sslMode {
            case "disable":
                tls = .disable
            case "allow", "prefer", "require":
                // As libpq: these modes encrypt without checking the server's certificate.
                var settings = TLSConfiguration.makeClientConfiguration()
                settings.certificateVerification = .none
                let context = try NIOSSLContext(configuration: settings)
                tls = address.sslMode == "require" ? .require(context) : .prefer(context)
            default:
                var settings = TLSConfiguration.makeClientConfiguration()
                settings.certificateVerification = address.sslMode == "verify-full" ? .fullVerification : .noHostnameVerification
                tls = .require(try NIOSSLContext(configuration: settings))
            }
        } catch {
            throw StateStoreError(.open(path: address.description, reason: "TLS cannot be set up: \(error)"))
        }
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        self.configuration = configuration
    }

    /// A new connection.
    func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(
            configuration: configuration, id: ids.add(1, ordering: .relaxed).oldValue, logger: Self.logger)
    }

    /// A new connection, the calling thread waiting for it (synchronous code: the recorder reconnecting).
    func connectWaiting() throws -> PostgresConnection {
        try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
            id: ids.add(1, ordering: .relaxed).oldValue, logger: Self.logger
        ).wait()
    }

    /// Runs `body` with a connection of its own: an idle one, else a new one, else (all `maximum` lent) the
    /// first one given back. The connection is kept for the next call unless it closed.
    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await borrow()
        do {
            let value = try await body(connection)
            giveBack(connection)
            return value
        } catch {
            giveBack(connection)
            throw error
        }
    }

    private func borrow() async throws -> PostgresConnection {
        enum Next {
            case use(PostgresConnection)
            case open
            case wait
        }
        while true {
            let next = pool.withLock { pool -> Next in
                while let connection = pool.idle.popLast() {
                    if !connection.isClosed { return .use(connection) }
                    pool.open -= 1
                }
                guard pool.open < Self.maximum else { return .wait }
                pool.open += 1
                return .open
            }
            switch next {
            case .use(let connection):
                return connection
            case .open:
                do {
                    return try await connect()
                } catch {
                    release(nil)
                    throw error
                }
            case .wait:
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let now = pool.withLock { pool in
                        guard pool.idle.isEmpty, pool.open >= Self.maximum else { return true }
                        pool.waiting.append(continuation)
                        return false
                    }
                    if now { continuation.resume() }
                }
            }
        }
    }

    /// Keeps `connection` for the next call (or counts it gone when it closed) and wakes a waiting caller.
    private func giveBack(_ connection: PostgresConnection) {
        release(connection.isClosed ? nil : connection)
    }

    /// `connection` back in the pool, or (nil) one connection fewer; wakes the first caller waiting.
    private func release(_ connection: PostgresConnection?) {
        let waiter = pool.withLock { pool -> CheckedContinuation<Void, Never>? in
            if let connection { pool.idle.append(connection) } else { pool.open -= 1 }
            return pool.waiting.isEmpty ? nil : pool.waiting.removeFirst()
        }
        waiter?.resume()
    }

    /// Closes the idle connections (those lent close when given back to a closed pool's end).
    func closeAll() {
        let idle = pool.withLock { pool in
            defer {
                pool.open -= pool.idle.count
                pool.idle = []
            }
            return pool.idle
        }
        for connection in idle { connection.closeSoon() }
    }

    deinit { closeAll() }
}

extension PostgresConnection {
    /// Closes the connection without waiting (kept alive until it is closed, as postgres-nio requires).
    func closeSoon() {
        let closing: EventLoopFuture<Void> = close()
        closing.whenComplete { _ in withExtendedLifetime(self) {} }
    }

    /// `query`'s rows and command tag, collected (a future: synchronous code waits for it).
    func collect(_ query: PostgresQuery) -> EventLoopFuture<PostgresQueryResult> {
        self.query(query, logger: PostgresConnections.logger)
    }

    /// `query`'s rows and command tag, collected.
    func run(_ query: PostgresQuery) async throws -> PostgresQueryResult {
        try await collect(query).get()
    }

    /// `sql` (with `$1`… placeholders) bound to `values`.
    func run(_ sql: String, _ values: [any PostgresValue]) async throws -> PostgresQueryResult {
        try await run(PostgresQuery(unsafeSQL: sql, binds: .of(values)))
    }
}

/// A value bound to a statement's placeholder: text, integers, doubles, booleans, or nil.
protocol PostgresValue: Sendable {
    func bind(to bindings: inout PostgresBindings)
}

extension String: PostgresValue { func bind(to bindings: inout PostgresBindings) { bindings.append(self) } }
extension Int: PostgresValue { func bind(to bindings: inout PostgresBindings) { bindings.append(self) } }
extension Int32: PostgresValue { func bind(to bindings: inout PostgresBindings) { bindings.append(self) } }
extension Double: PostgresValue { func bind(to bindings: inout PostgresBindings) { bindings.append(self) } }
extension Bool: PostgresValue { func bind(to bindings: inout PostgresBindings) { bindings.append(self) } }
extension Optional: PostgresValue where Wrapped: PostgresValue {
    func bind(to bindings: inout PostgresBindings) {
        if let value = self { value.bind(to: &bindings) } else { bindings.appendNull() }
    }
}

extension PostgresBindings {
    static func of(_ values: [any PostgresValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { value.bind(to: &bindings) }
        return bindings
    }
}

extension PostgresRow {
    /// The column `name`, decoded (`String?` and the like for a column that may be NULL).
    func value<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try makeRandomAccess()[name].decode(T.self)
    }
}

extension PostgresQueryResult {
    /// The rows the statement changed (its command tag's count).
    var changed: Int { metadata.rows ?? 0 }
}
