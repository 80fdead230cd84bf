import Hummingbird
import JSONValue
import Logging
import Synchronization

/// A webhook for tests, on a free loopback port: answers every POST with `status` and keeps the JSON
/// bodies. `body` gets its URL (path `/hook-secret`) and a function that returns the bodies received so far;
/// the server stops when `body` returns.
public func withWebhook<T>(
    status: HTTPResponse.Status, _ body: (_ url: String, _ received: @Sendable () -> [JSON]) async throws -> T
) async throws -> T {
    let received = Received()
    let router = Router()
    router.post("/hook-secret") { request, _ -> Response in
        let bytes = try await request.body.collect(upTo: 1 << 16)
        received.append((try? JSON(parsing: Array(bytes.readableBytesView))) ?? .null)
        return Response(status: status)
    }
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        },
        logger: Logger(label: "webhook") { _ in SwiftLogNoOpLogHandler() })
    let server = Task { try await app.runService(gracefulShutdownSignals: []) }
    defer { server.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else { throw WebhookNotStarted() }
    return try await body("http://127.0.0.1:\(port)/hook-secret", { received.all })
}

/// The test webhook's server did not report a port.
public struct WebhookNotStarted: Error, CustomStringConvertible {
    public var description: String { "the test webhook did not start" }
}

/// The bodies a webhook received, from its server's tasks.
private final class Received: Sendable {
    private let bodies = Mutex<[JSON]>([])
    func append(_ body: JSON) { bodies.withLock { $0.append(body) } }
    var all: [JSON] { bodies.withLock { $0 } }
}
