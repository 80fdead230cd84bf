import FlowCore
import HavenActions
import HavenSandbox
import JSONValue
import Synchronization

/// A sandbox on a free loopback port and the standard registry connected to it, for the length of `body`.
func withActions<T>(
    _ configuration: SandboxConfiguration = SandboxConfiguration(
        jobDelay: .milliseconds(20), runDuration: .milliseconds(200), seed: 11),
    _ body: (ActionRunner, HavenSandbox) async throws -> T
) async throws -> T {
    let sandbox = try await HavenSandbox.start(configuration)
    let connection = HavenConnection(endpoint: sandbox.endpoint, apiKey: sandbox.apiKey)
    do {
        let result = try await body(ActionRunner(connection: connection), sandbox)
        try await connection.shutdown()
        await sandbox.stop()
        return result
    } catch {
        try? await connection.shutdown()
        await sandbox.stop()
        throw error
    }
}

/// Runs actions of the standard registry the way the engine does, keeping what they print.
struct ActionRunner: Sendable {
    let registry: ActionRegistry
    let printed = Recorded<String>()

    init(connection: HavenConnection?) {
        registry = StandardActions.registry(connection: connection)
    }

    func run(_ name: String, _ input: JSON, attempt: Int = 1, dryRun: Bool = false) async throws -> JSON {
        guard let action = registry.action(named: name) else { throw ActionFailure("no action \(name)") }
        let printed = self.printed
        let context = ActionContext(
            runID: "run-1", workflowName: "test", stepKey: name, attempt: attempt, dryRun: dryRun,
            mask: { $0.replacing("hook-secret", with: "****") }, print: { printed.append($0) })
        return try await action.run(input, context: context)
    }

    /// The `ActionFailure` running the action throws, or `nil` when it succeeds or throws something else.
    func failure(_ name: String, _ input: JSON, attempt: Int = 1) async -> ActionFailure? {
        do {
            _ = try await run(name, input, attempt: attempt)
            return nil
        } catch {
            return error as? ActionFailure
        }
    }
}

/// Values recorded from several tasks: lines an action printed, bodies a webhook received.
final class Recorded<Element: Sendable>: Sendable {
    private let elements = Mutex<[Element]>([])
    func append(_ element: Element) { elements.withLock { $0.append(element) } }
    var all: [Element] { elements.withLock { $0 } }
}

/// The inputs of a cloud web connector named `name`.
func webConnector(_ name: String, url: String = "http://example.com") -> JSON {
    [
        "connector": .string(name), "flavor": "web_cloud", "config": ["url": .string(url)],
        "destination": ["action": "addtotextindex", "index": "docs"],
    ]
}
