import FlowCore
import FlowRuntime
import Foundation
import Synchronization
import Testing

/// A temporary folder with workflow files, a state directory inside it, and a runtime whose reports are
/// collected; its store is SQLite in the state directory, or (`backend: .postgres`) a fresh database on
/// the test PostgreSQL that the runtime is given as `HAVENFLOW_STORE`.
struct RuntimeFixture {
    let folder: URL
    let reports = Reports()
    let backend: StoreBackend
    /// The PostgreSQL store's URL, or nil for SQLite in the state directory.
    let storeURL: String?

    init(files: [String: String], backend: StoreBackend = .sqlite) async throws {
        self.backend = backend
        storeURL = backend.name == StoreBackend.sqlite.name ? nil : try await backend.makeLocation()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowruntime-\(UUID().uuidString)")
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    var stateDirectory: String { folder.appendingPathComponent("state").path }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// `HAVENFLOW_STORE` when the store is PostgreSQL.
    var storeEnvironment: [String: String] { storeURL.map { ["HAVENFLOW_STORE": $0] } ?? [:] }

    func runtime(packs: [any ActionPack] = [], environment: [String: String] = [:]) -> Runtime {
        let reports = reports
        return Runtime(
            packs: packs, environment: environment.merging(storeEnvironment) { $1 }, report: { reports.add($0) })
    }

    func request(_ file: String, dryRun: Bool = false) -> RunRequest {
        RunRequest(file: path(file), stateDirectory: stateDirectory, output: .jsonLines, dryRun: dryRun)
    }

    func store() throws -> any StateStore {
        try StateDirectory(option: stateDirectory, environment: storeEnvironment).openStore()
    }

    /// Takes `workflow`'s run lock for `runID` as another live process (pid 1 on this host) and returns
    /// the holder's description.
    func holdLock(workflow: String, runID: String) async throws -> String {
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let store = try await backend.open(storeURL ?? stateDirectory, as: ProcessIdentity(pid: 1, host: ProcessIdentity.current.host))
        guard case .acquired = try await store.acquireLock(workflow: workflow, runID: runID, lease: .seconds(30)) else {
            throw HoldLockFailed()
        }
        return try #require(try await store.lockHolder(workflow: workflow)).description
    }

    struct HoldLockFailed: Error {}

    final class Reports: Sendable {
        private let lines = Mutex<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }
}

/// A pack that records what the runtime asks of it, and fails to connect when told to.
final class ProbePack: ActionPack {
    private let state = Mutex<(connects: [PackConnectRequest], closes: Int)>(([], 0))
    let failure: PackFailure?

    init(failure: PackFailure? = nil) {
        self.failure = failure
    }

    var name: String { "Probe" }
    var secretNames: [String] { ["PROBE_TOKEN"] }
    var actions: [any Action] { [] }
    var connects: [PackConnectRequest] { state.withLock { $0.connects } }
    var closes: Int { state.withLock { $0.closes } }

    func connect(_ request: PackConnectRequest) async throws(PackFailure) -> PackSession {
        state.withLock { $0.connects.append(request) }
        if let failure { throw failure }
        return PackSession(actions: [], maskedValues: ["probe-key"]) { [self] in state.withLock { $0.closes += 1 } }
    }

    func startSharedSandbox(stateDirectory: String) async throws(PackFailure) -> PackSandbox? { nil }
}

let helloWorkflow = """
    name: hello
    inputs:
      who: { type: string, default: world }
    steps:
      - id: greet
        log: { message: "hello ${{ inputs.who }}" }

    """
