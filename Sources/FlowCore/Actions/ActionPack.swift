/// An integration with one outside system: the top-level workflow key it claims, the secrets it reads,
/// its actions, and how it connects for one run. FlowCore knows no pack by name; a front end passes the
/// packs it ships (FlowRuntime's `RuntimePacks`), and `ActionRegistry(packs:)` makes the registry that
/// validates and describes workflows.
public protocol ActionPack: Sendable {
    /// The pack's name in messages, e.g. `S3`.
    var name: String { get }
    /// Secrets the pack reads from a secrets file even when the workflow does not name them (e.g.
    /// `S3_SECRET_KEY`); they are masked like every other secret.
    var secretNames: [String] { get }
    /// The top-level block the pack claims (its key, fields and schema), or `nil` when it claims none.
    /// The loader keeps its values in `Workflow.configuration[key]`, which `connect` reads back.
    var configuration: PackConfiguration? { get }
    /// Its actions without a connection: their declarations validate and describe workflows; running one
    /// fails with a sentence saying the pack has no connection.
    var actions: [any Action] { get }
    /// Connects for one run: resolves where to send (the command line's target, the workflow's block, the
    /// secrets, the environment, an embedded sandbox) and returns the actions bound to it.
    func connect(_ request: PackConnectRequest) async throws(PackFailure) -> PackSession
    /// Starts a local stand-in that several runs share (the scheduler's `--sandbox`); `nil` when the pack
    /// has none.
    func startSharedSandbox(stateDirectory: String) async throws(PackFailure) -> PackSandbox?
}

extension ActionPack {
    public var configuration: PackConfiguration? { nil }
}

/// Where a run sends its calls, as the command line says it (`--sandbox`, `--endpoint URL`, or neither).
public enum PackTarget: Sendable, Hashable {
    /// Whatever the workflow and the environment configure.
    case configured
    /// An endpoint given on the command line.
    case endpoint(String)
    /// An embedded sandbox started for this run, its data in the state directory.
    case sandbox
}

/// What a pack needs to connect for one run.
public struct PackConnectRequest: Sendable {
    public var workflow: Workflow
    public var target: PackTarget
    /// The run's secrets (already bound: the workflow's and the pack's `secretNames`).
    public var secrets: [String: String]
    public var environment: [String: String]
    /// The state directory, for an embedded sandbox's data.
    public var stateDirectory: String
    /// `--seed-file`: resources the embedded sandbox of `.sandbox` starts with (a pack without a sandbox
    /// ignores it).
    public var sandboxSeedFile: String?

    public init(
        workflow: Workflow, target: PackTarget, secrets: [String: String], environment: [String: String],
        stateDirectory: String, sandboxSeedFile: String? = nil
    ) {
        self.workflow = workflow
        self.target = target
        self.secrets = secrets
        self.environment = environment
        self.stateDirectory = stateDirectory
        self.sandboxSeedFile = sandboxSeedFile
    }
}

/// A pack connected for one run: its actions, the values to mask (an API key), and how to let go.
public struct PackSession: Sendable {
    public var actions: [any Action]
    /// Values that are secret though no `secrets.*` holds them (an API key from the environment).
    public var maskedValues: [String]
    private let closing: @Sendable () async -> Void

    public init(actions: [any Action], maskedValues: [String] = [], close: @escaping @Sendable () async -> Void = {}) {
        self.actions = actions
        self.maskedValues = maskedValues
        self.closing = close
    }

    /// Closes connections and stops what `connect` started. Call once, when the run has ended.
    public func close() async { await closing() }
}

/// A local stand-in shared by several runs: the arguments and environment that point a run at it.
public struct PackSandbox: Sendable {
    /// The endpoint, passed to each run as `--endpoint`.
    public var endpoint: String
    /// Variables each run needs besides (e.g. the sandbox's API key).
    public var environment: [String: String]
    private let stopping: @Sendable () async -> Void

    public init(endpoint: String, environment: [String: String], stop: @escaping @Sendable () async -> Void) {
        self.endpoint = endpoint
        self.environment = environment
        self.stopping = stop
    }

    public func stop() async { await stopping() }
}

/// Why a pack could not connect, as a sentence.
public struct PackFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Something is missing or wrong in the configuration (the user must change a flag, file or variable).
        case configuration
        /// The configuration is fine but what it names could not be reached or started.
        case unavailable
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
