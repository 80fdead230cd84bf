import Logging
import PostgresNIO
import Synchronization

/// The connections of a PostgreSQL store: a few kept open between uses (each async call borrows one for
/// itself, a transaction included), opened again when the server closed them. Closed with the store.
final class PostgresConnections: Sendable {
    let address: PostgresAddress
    private let configuration: PostgresConnection.Configuration
    private let idle = Mutex<[PostgresConnection]>([])
    private let ids = Atomic<Int>(1)
    /// The most connections kept idle.
    static let kept = 4

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

    /// Runs `body` with a connection of its own: an idle one, else a new one. The connection is kept for
    /// the next call unless `body` failed on it in a way that may leave it unusable (closed, or inside a
    /// transaction it could not end).
    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await borrow()
        do {
            let value = try await body(connection)
            giveBack(connection)
            return value
        } catch {
            if connection.isClosed { try? await connection.close() } else { giveBack(connection) }
            throw error
        }
    }

    private func borrow() async throws -> PostgresConnection {
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        return try await connect()
    }

    private func giveBack(_ connection: PostgresConnection) {
        let kept = idle.withLock { idle in
            guard idle.count < Self.kept, !connection.isClosed else { return false }
            idle.append(connection)
            return true
        }
        if !kept { connection.closeSoon() }
    }

    /// Closes the idle connections (those in use close when given back).
    func closeAll() {
        for connection in idle.withLock({ idle in defer { idle = [] }; return idle }) { connection.closeSoon() }
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
