// TEMPORARY (lead's tree only, until the packs branch lands with HavenActions.HavenPack): today's
// HavenTarget logic behind the ActionPack protocol, so the runtime can be tried end to end.
import FlowCore
import HavenActions
import HavenSandbox
import JSONValue

struct HavenPack: ActionPack {
    var name: String { "Haven" }
    var secretNames: [String] { ["HAVEN_APIKEY"] }
    var actions: [any Action] { StandardActions.havenActions(connection: nil) + [NotifyAction()] }

    func connect(_ request: PackConnectRequest) async throws(PackFailure) -> PackSession {
        let settings = request.workflow.haven
        let workflow = request.workflow
        switch request.target {
        case .sandbox:
            let sandbox: HavenSandbox
            do {
                sandbox = try await HavenSandbox.start(SandboxConfiguration(dataFile: "\(request.stateDirectory)/sandbox.sqlite"))
            } catch {
                throw PackFailure(.unavailable, "cannot start the embedded sandbox: \(error)")
            }
            let connection = HavenConnection(
                endpoint: sandbox.endpoint, apiKey: sandbox.apiKey, timeout: settings.timeout,
                rateLimit: settings.rateLimit, maxConnections: settings.maxConnections)
            return session(connection) { await sandbox.stop() }
        case .configured, .endpoint:
            break
        }
        let context = EvaluationContext(env: request.environment, secrets: request.secrets)
        var endpoint: String?
        if case .endpoint(let url) = request.target { endpoint = url }
        if endpoint == nil { endpoint = try evaluate(settings.endpoint, "haven.endpoint", context) }
        if endpoint == nil { endpoint = request.environment["HAVEN_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } }
        let apiKey = try evaluate(settings.apiKey, "haven.apikey", context)
            ?? request.secrets["HAVEN_APIKEY"] ?? request.environment["HAVEN_APIKEY"].flatMap { $0.isEmpty ? nil : $0 }
        guard let endpoint else {
            let haven = Set(StandardActions.havenActions(connection: nil).map(\.declaration.name)).subtracting(["notify"])
            if (workflow.steps + workflow.finally).contains(where: { haven.contains($0.action) }) {
                throw PackFailure(
                    .configuration,
                    "no Haven endpoint is configured; give --endpoint URL (or --sandbox), set haven.endpoint "
                        + "in the workflow, or set HAVEN_ENDPOINT (with HAVEN_APIKEY)")
            }
            return PackSession(actions: actions, maskedValues: apiKey.map { [$0] } ?? [])
        }
        guard let apiKey else {
            throw PackFailure(
                .configuration,
                "no Haven apikey is configured for \(endpoint); set haven.apikey in the workflow, "
                    + "HAVEN_APIKEY in the --secrets-file, or HAVEN_APIKEY in the environment")
        }
        let connection = HavenConnection(
            endpoint: endpoint, apiKey: apiKey, timeout: settings.timeout, rateLimit: settings.rateLimit,
            maxConnections: settings.maxConnections)
        var connected = session(connection) {}
        connected.maskedValues = [apiKey]
        return connected
    }

    func startSharedSandbox(stateDirectory: String) async throws(PackFailure) -> PackSandbox? {
        do {
            let sandbox = try await HavenSandbox.start(SandboxConfiguration(dataFile: "\(stateDirectory)/sandbox.sqlite"))
            return PackSandbox(endpoint: sandbox.endpoint, environment: ["HAVEN_APIKEY": sandbox.apiKey]) { await sandbox.stop() }
        } catch {
            throw PackFailure(.unavailable, "cannot start the embedded sandbox: \(error)")
        }
    }

    private func session(_ connection: HavenConnection, stop: @escaping @Sendable () async -> Void) -> PackSession {
        PackSession(actions: StandardActions.havenActions(connection: connection) + [NotifyAction()]) {
            try? await connection.shutdown()
            await stop()
        }
    }

    private func evaluate(_ value: TemplateValue?, _ key: String, _ context: EvaluationContext) throws(PackFailure) -> String? {
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
