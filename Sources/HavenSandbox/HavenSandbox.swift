import Hummingbird
import JSONValue
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A local Haven OnDemand–compatible service. `start` returns once it listens:
///
/// ```swift
/// let sandbox = try await HavenSandbox.start(SandboxConfiguration(runDuration: .milliseconds(300)))
/// defer { Task { await sandbox.stop() } }
/// // talk to sandbox.endpoint with apikey "sandbox-key"
/// ```
public final class HavenSandbox: Sendable {
    public let configuration: SandboxConfiguration
    /// The port it listens on (the real one when the configuration asked for 0).
    public let port: Int
    let engine: SandboxEngine
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    private let stopped = Mutex(false)

    /// `http://HOST:PORT`, without a trailing slash.
    public var endpoint: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    /// The first accepted key.
    public var apiKey: String { configuration.apiKeys.first ?? "" }

    private init(configuration: SandboxConfiguration, port: Int, engine: SandboxEngine, group: ServiceGroup,
                 task: Task<Void, any Error>)
    {
        self.configuration = configuration
        self.port = port
        self.engine = engine
        self.group = group
        self.task = task
    }

    /// Opens the data, binds the port and returns once the sandbox answers requests.
    public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration()) async throws -> HavenSandbox {
        guard !configuration.apiKeys.isEmpty else { throw SandboxStartError("the sandbox needs at least one API key") }
        let engine = try SandboxEngine(configuration: configuration)
        var logger = Logger(label: "HavenSandbox")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            responder: SandboxResponder(engine: engine),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? configuration.port)
                continuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(services: [application], logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
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
            engine.close()
            throw SandboxStartError("the sandbox could not listen on \(configuration.host):\(configuration.port): \(reason)")
        }
        return HavenSandbox(configuration: configuration, port: port, engine: engine, group: group, task: task)
    }

    /// Stops listening, lets requests in flight finish, closes the data. Calling it again does nothing.
    public func stop() async {
        let first = stopped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else {
            _ = try? await task.value
            return
        }
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        engine.close()
    }

    /// Serves until the calling task is cancelled or `stop()` is called (for the CLI).
    public func run() async throws {
        await withTaskCancellationHandler {
            _ = try? await task.value
            await stop()
        } onCancel: {
            Task { await self.stop() }
        }
    }
}

extension HavenSandbox {
    /// Names of all connectors, sorted (read from the sandbox's state; for tests).
    public func connectorNames() -> [String] { engine.read { $0.connectors.keys.sorted() } }

    /// Names of all text indexes, sorted.
    public func indexNames() -> [String] { engine.read { $0.indexes.keys.sorted() } }

    /// A connector as retrieveconfig shows it plus its current `status` and `runs` count, or `nil`.
    public func connector(named name: String) -> JSON? {
        guard let record = engine.read({ $0.connectors[name] }) else { return nil }
        return [
            "name": .string(record.name), "flavor": .string(record.flavor), "config": record.configuration,
            "status": .string(record.status(at: engine.configuration.now())), "runs": .number(Double(record.runs.count)),
        ]
    }

    /// Number of jobs kept.
    public func jobCount() -> Int { engine.read { $0.jobs.count } }
}
