import HavenClient
import HavenSandbox
import JSONValue
import Logging
import Synchronization

/// A sandbox on a free loopback port and a client talking to it, for the length of `body`.
func withSandbox<T>(
    _ sandboxConfiguration: SandboxConfiguration = SandboxConfiguration(jobDelay: .milliseconds(20), seed: 7),
    client clientConfiguration: HavenClient.Configuration = .init(),
    apiKey: String = "sandbox-key",
    logger: Logger? = nil,
    _ body: (HavenClient, HavenSandbox) async throws -> T
) async throws -> T {
    let sandbox = try await HavenSandbox.start(sandboxConfiguration)
    let client = HavenClient(
        endpoint: sandbox.endpoint, apiKey: apiKey, configuration: clientConfiguration, logger: logger)
    do {
        let result = try await body(client, sandbox)
        try await client.shutdown()
        await sandbox.stop()
        return result
    } catch {
        try? await client.shutdown()
        await sandbox.stop()
        throw error
    }
}

/// A cloud web connector request named `name`.
func webConnector(_ name: String, index: String = "docs") -> CreateConnectorRequest {
    CreateConnectorRequest(
        name: name, flavor: "web_cloud", config: ["url": "http://example.com", "max_pages": 10],
        destination: ["action": "addtotextindex", "index": .string(index)], description: "test connector")
}

/// The HavenError `body` throws; fails the test when it throws nothing or something else.
func havenError(_ body: () async throws -> Void) async -> HavenError? {
    do {
        try await body()
        return nil
    } catch let error as HavenError {
        return error
    } catch {
        return nil
    }
}

/// A Logger whose lines (message and metadata, at every level) are kept for inspection.
final class LogRecorder: Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    var logger: Logger {
        var logger = Logger(label: "test.client") { _ in RecordingHandler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    func record(_ line: String) { storage.withLock { $0.append(line) } }

    private struct RecordingHandler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let fields = merged.keys.sorted().map { "\($0)=\(merged[$0]!)" }.joined(separator: " ")
            recorder.record("\(event.level) \(event.message) \(fields)")
        }
    }
}
