import FlowCore
import HavenActions
import HavenSandbox
import JSONValue

/// The Haven endpoint and key a run talks to, resolved in the order of docs/cli.md: `--sandbox` or
/// `--endpoint`; the workflow's `haven:` block; `HAVEN_ENDPOINT` and `HAVEN_APIKEY`.
struct HavenTarget {
    var haven: HavenConnection?
    var apiKey: String?
    var sandbox: HavenSandbox?

    func close() {
        guard let sandbox else { return }
        Task { await sandbox.stop() }
    }

    static func resolve(
        options: RunOptions, workflow: Workflow, state: StateDirectory, secrets: [String: String],
        environment: [String: String]
    ) async throws -> HavenTarget {
        let settings = workflow.haven
        if options.sandbox {
            let sandbox: HavenSandbox
            do {
                sandbox = try await HavenSandbox.start(SandboxConfiguration(dataFile: state.sandboxData))
            } catch {
                throw CommandFailure("cannot start the embedded sandbox: \(error)", status: .failed)
            }
            let connection = HavenConnection(
                endpoint: sandbox.endpoint, apiKey: sandbox.apiKey, timeout: settings.timeout,
                rateLimit: settings.rateLimit, maxConnections: settings.maxConnections)
            return HavenTarget(haven: connection, apiKey: nil, sandbox: sandbox)
        }
        let context = EvaluationContext(env: environment, secrets: secrets)
        let endpoint = try options.endpoint ?? evaluate(settings.endpoint, "haven.endpoint", context)
            ?? environment["HAVEN_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
        let apiKey = try evaluate(settings.apiKey, "haven.apikey", context)
            ?? secrets["HAVEN_APIKEY"] ?? environment["HAVEN_APIKEY"].flatMap { $0.isEmpty ? nil : $0 }
        guard let endpoint else {
            if usesHaven(workflow) {
                throw CommandFailure(
                    "no Haven endpoint is configured; give --endpoint URL (or --sandbox), set haven.endpoint "
                        + "in the workflow, or set HAVEN_ENDPOINT (with HAVEN_APIKEY)",
                    status: .usage)
            }
            return HavenTarget(haven: nil, apiKey: apiKey, sandbox: nil)
        }
        guard let apiKey else {
            throw CommandFailure(
                "no Haven apikey is configured for \(endpoint); set haven.apikey in the workflow, "
                    + "HAVEN_APIKEY in the --secrets-file, or HAVEN_APIKEY in the environment",
                status: .usage)
        }
        let connection = HavenConnection(
            endpoint: endpoint, apiKey: apiKey, timeout: settings.timeout, rateLimit: settings.rateLimit,
            maxConnections: settings.maxConnections)
        return HavenTarget(haven: connection, apiKey: apiKey, sandbox: nil)
    }

    /// Whether any step calls an action that talks to Haven (a workflow of `log` steps needs no endpoint).
    private static func usesHaven(_ workflow: Workflow) -> Bool {
        let haven = Set(StandardActions.havenActions(connection: nil).map(\.declaration.name)).subtracting(["notify"])
        return (workflow.steps + workflow.finally).contains { haven.contains($0.action) }
    }

    private static func evaluate(_ value: TemplateValue?, _ key: String, _ context: EvaluationContext) throws -> String? {
        guard let value else { return nil }
        do {
            switch try value.evaluate(in: context) {
            case .null: return nil
            case .string(let text): return text.isEmpty ? nil : text
            case let other: return other.interpolated
            }
        } catch {
            throw CommandFailure("\(key): \(error)", status: .usage)
        }
    }
}
