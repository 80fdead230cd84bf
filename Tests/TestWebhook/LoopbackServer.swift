import Hummingbird
import Logging

/// Serves `router` on a free loopback port while `body` runs; `body` gets the base URL
/// (`http://127.0.0.1:PORT`). The server stops when `body` returns.
public func withLoopbackServer<T>(
    _ router: Router<BasicRequestContext>, _ body: (_ baseURL: String) async throws -> T
) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        },
        logger: Logger(label: "loopback") { _ in SwiftLogNoOpLogHandler() })
    let server = Task { try await app.runService(gracefulShutdownSignals: []) }
    defer { server.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else { throw LoopbackServerNotStarted() }
    return try await body("http://127.0.0.1:\(port)")
}

/// The loopback server did not report a port.
public struct LoopbackServerNotStarted: Error, CustomStringConvertible {
    public var description: String { "the loopback test server did not start (no port reported)" }
}
