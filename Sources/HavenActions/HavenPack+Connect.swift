import FlowCore
import HavenSandbox
import JSONValue

extension HavenPack {
    /// The endpoint and key of one run, in the order of docs/cli.md: `--sandbox` or `--endpoint`; the
    /// workflow's `haven:` block; `HAVEN_ENDPOINT`, and `HAVEN_APIKEY` from the secrets or the environment.
    /// A workflow that calls no Haven action needs no endpoint.
    public func connect(_ request: PackConnectRequest) async throws(PackFailure) -> PackSession {
        let settings = Settings(request.workflow)
        if request.target == .sandbox {
            let sandbox = try await Self.startSandbox(stateDirectory: request.stateDirectory)
            if let file = request.sandboxSeedFile {
                do {
                    try sandbox.seed(SandboxSeed(file: file))
                } catch {
                    await sandbox.stop()
                    throw PackFailure(.configuration, "--seed-file: \(error)")
                }
            }
            let connection = settings.connection(endpoint: sandbox.endpoint, apiKey: sandbox.apiKey)
            return PackSession(actions: Self.plannedActions(connection: connection)) {
                try? await connection.shutdown()
                await sandbox.stop()
            }
        }
        let environment = request.environment
        let context = EvaluationContext(env: environment, secrets: request.secrets)
        var endpoint: String?
        if case .endpoint(let url) = request.target {
            endpoint = url
        } else {
            endpoint = try Self.evaluate(settings.endpoint, "haven.endpoint", context)
        }
        endpoint = endpoint ?? environment["HAVEN_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
        let apiKey = try Self.evaluate(settings.apiKey, "haven.apikey", context)
            ?? request.secrets["HAVEN_APIKEY"] ?? environment["HAVEN_APIKEY"].flatMap { $0.isEmpty ? nil : $0 }
        let masked = apiKey.map { [$0] } ?? []
        guard let endpoint else {
            if Self.usesHaven(request.workflow) {
                throw PackFailure(
                    .configuration,
                    "no Haven endpoint is configured; give --endpoint URL (or --sandbox), set haven.endpoint "
                        + "in the workflow, or set HAVEN_ENDPOINT (with HAVEN_APIKEY)")
            }
            return PackSession(actions: Self.actions(connection: nil), maskedValues: masked)
        }
        guard let apiKey else {
            throw PackFailure(
                .configuration,
                "no Haven apikey is configured for \(endpoint); set haven.apikey in the workflow, "
                    + "HAVEN_APIKEY in the --secrets-file, or HAVEN_APIKEY in the environment")
        }
        let connection = settings.connection(endpoint: endpoint, apiKey: apiKey)
        return PackSession(actions: Self.plannedActions(connection: connection), maskedValues: masked) {
            try? await connection.shutdown()
        }
    }

    /// Whether any step calls an action that talks to Haven (a workflow of `log` steps needs no endpoint).
    static func usesHaven(_ workflow: Workflow) -> Bool {
        let haven = Set(havenActions(connection: nil).map(\.declaration.name))
        return (workflow.steps + workflow.finally).contains { haven.contains($0.action) }
    }

    private static func evaluate(
        _ value: TemplateValue?, _ key: String, _ context: EvaluationContext
    ) throws(PackFailure) -> String? {
        guard let value else { return nil }
        do {
            switch try value.evaluate(in: context) {
            case .null: return nil
            case .string(let text): return text.isEmpty ? nil : text
            case let other: return other.interpolated
            }
        } catch {
            throw PackFailure(.configuration, "\(key): \(error)")
        }
    }
}
