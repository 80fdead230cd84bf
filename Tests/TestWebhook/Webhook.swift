import Hummingbird
import JSONValue
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
    return try await withLoopbackServer(router) { base in try await body("\(base)/hook-secret", { received.all }) }
}

/// The bodies a webhook received, from its server's tasks.
private final class Received: Sendable {
    private let bodies = Mutex<[JSON]>([])
    func append(_ body: JSON) { bodies.withLock { $0.append(body) } }
    var all: [JSON] { bodies.withLock { $0 } }
}
