import FlowCore
import HavenSandbox

/// Haven OnDemand as an action pack: the `haven:` block, the `HAVEN_APIKEY` secret, the Haven actions
/// and `notify`, and the connection of one run (see ``connect(_:)``).
public struct HavenPack: ActionPack {
    public init() {}

    public var name: String { "Haven" }
    public var secretNames: [String] { ["HAVEN_APIKEY"] }
    public var configuration: PackConfiguration? { Self.block }
    public var actions: [any Action] { Self.actions(connection: nil) }

    /// Every action of the pack; the Haven ones send through `connection`. Without a connection the
    /// declarations are all there and a Haven action that runs fails with "no Haven endpoint configured".
    public static func actions(connection: HavenConnection?) -> [any Action] {
        havenActions(connection: connection) + [NotifyAction()]
    }

    /// The actions that talk to Haven (all but `notify`): a workflow using none of them needs no endpoint.
    static func havenActions(connection: HavenConnection?) -> [any Action] {
        [
            CreateConnectorAction(connection: connection),
            DeleteAction(resource: DeleteAction.connector, connection: connection),
            CreateIndexAction(connection: connection),
            DeleteAction(resource: DeleteAction.index, connection: connection),
            IndexActions.listResources(connection),
            WaitJobAction(connection: connection),
            WaitConnectorAction(connection: connection),
            HavenAPIAction.make(connection),
        ] + ConnectorActions.all(connection: connection)
    }

    /// One embedded sandbox for the scheduler's runs: each run gets `--endpoint` and `HAVEN_APIKEY`.
    public func startSharedSandbox(stateDirectory: String) async throws(PackFailure) -> PackSandbox? {
        let sandbox = try await Self.startSandbox(stateDirectory: stateDirectory)
        return PackSandbox(
            endpoint: sandbox.endpoint, environment: ["HAVEN_APIKEY": sandbox.apiKey], stop: { await sandbox.stop() })
    }

    /// An embedded sandbox with its data in `STATE_DIR/sandbox.sqlite`.
    static func startSandbox(stateDirectory: String) async throws(PackFailure) -> HavenSandbox {
        do {
            return try await HavenSandbox.start(SandboxConfiguration(dataFile: "\(stateDirectory)/sandbox.sqlite"))
        } catch {
            throw PackFailure(.unavailable, "cannot start the embedded sandbox: \(error)")
        }
    }
}
