import FlowCore
import FlowRuntime
import Foundation
import Synchronization

/// A temporary folder with workflow files, a state directory inside it, and a runtime whose reports are
/// collected.
struct RuntimeFixture {
    let folder: URL
    let reports = Reports()

    init(files: [String: String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowruntime-\(UUID().uuidString)")
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    var stateDirectory: String { folder.appendingPathComponent("state").path }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func runtime(packs: [any ActionPack] = [], environment: [String: String] = [:]) -> Runtime {
        let reports = reports
        return Runtime(packs: packs, environment: environment, report: { reports.add($0) })
    }

    func request(_ file: String, dryRun: Bool = false) -> RunRequest {
        RunRequest(file: path(file), stateDirectory: stateDirectory, output: .jsonLines, dryRun: dryRun)
    }

    func store() throws -> any StateStore {
        try StateDirectory(option: stateDirectory).openStore()
    }

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
