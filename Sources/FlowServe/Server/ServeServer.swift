import FlowRuntime
import Hummingbird
import Logging
import NIOCore
import UnixSignals

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `havenflow serve`: the runs of a state store as web pages, a JSON API and live events, read-only.
/// `start` returns once it listens:
///
/// ```swift
/// let server = try await ServeServer.start(configuration, reader: reader)
/// // GET http://127.0.0.1:\(server.port)/
/// await server.stop()
/// ```
public final class ServeServer: Sendable {
    public let configuration: ServeConfiguration
    /// The port it listens on (the real one when the configuration asked for 0).
    public let port: Int
    private let task: Task<Void, any Error>

    private init(configuration: ServeConfiguration, port: Int, task: Task<Void, any Error>) {
        self.configuration = configuration
        self.port = port
        self.task = task
    }

    /// `http://HOST:PORT`, without a trailing slash.
    public var address: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    /// Binds the address and returns once the server answers requests; refuses (exit status 2) a
    /// non-loopback address without a token. `extraRoutes` are added after the server's own routes.
    public static func start(
        _ configuration: ServeConfiguration, reader: RunReader, extraRoutes: [any ServeRouteProvider] = []
    ) async throws(RuntimeError) -> ServeServer {
        try configuration.check()
        var logger = Logger(label: "havenflow.serve")
        logger.logLevel = .critical
        let router = ServeRouter.make(configuration: configuration, reader: reader, extra: extraRoutes)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? configuration.port)
                continuation.finish()
            },
            logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await application.runService(gracefulShutdownSignals: [])
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            let reason: String
            do {
                try await task.value
                reason = "the server stopped at once"
            } catch {
                reason = "\(error)"
            }
            throw RuntimeError(
                .failed, "havenflow serve could not listen on \(configuration.host):\(configuration.port): \(reason)")
        }
        return ServeServer(configuration: configuration, port: port, task: task)
    }

    /// Stops listening and ends the answers in flight (event streams included).
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// Serves in the foreground until SIGINT or SIGTERM (what `havenflow serve` does): the signals are
    /// trapped before `listening` is called, so a signal sent as soon as it reports stops it gracefully.
    public func serveUntilSignalled(listening: () -> Void) async {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        listening()
        let task = task
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in signals { return }
            }
            group.addTask { _ = try? await task.value }
            await group.next()
            // The server task is not a child: cancelling the group does not reach it, stopping does.
            group.cancelAll()
            task.cancel()
        }
        await stop()
        // Give the signals back their default action.
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
    }
}
