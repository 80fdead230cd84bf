import AsyncHTTPClient
import FlowCore
import FlowRuntime
import FlowServe
import Foundation
import HavenActions
import HavenSandbox
import NIOCore
import Synchronization

/// A temporary folder with workflow files and a state directory, a Haven sandbox on a loopback port,
/// the `havenflow` runtime (the Haven pack) to make real runs, and `havenflow serve` on port 0 reading them.
final class ServeFixture: Sendable {
    static let apiKey = "sandbox-key-7f3a9c1e5b"
    let folder: URL
    let sandbox: HavenSandbox
    let runtime: Runtime
    let reports = Reports()

    /// `sandbox`: the sandbox's configuration (faults, an audit file); its API keys are replaced by the
    /// fixture's.
    init(
        files: [String: String] = [:], secrets: [String: String] = [:],
        sandbox configuration: SandboxConfiguration = SandboxConfiguration(jobDelay: .milliseconds(1))
    ) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowserve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let secretsText = (["HAVEN_APIKEY": Self.apiKey].merging(secrets) { $1 })
            .map { "\($0.key)=\($0.value)\n" }.sorted().joined()
        try secretsText.write(to: folder.appendingPathComponent("secrets.env"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600], ofItemAtPath: folder.appendingPathComponent("secrets.env").path)
        var configuration = configuration
        configuration.apiKeys = [Self.apiKey]
        sandbox = try await HavenSandbox.start(configuration)
        let reports = reports
        runtime = Runtime(packs: [HavenPack()], environment: [:], report: { reports.add($0) })
    }

    var stateDirectory: String { path("state") }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Runs the workflow file `name` against the sandbox, recorded in the state directory.
    @discardableResult
    func run(_ name: String, runID: String? = nil) async throws -> RunStatus {
        try await runtime.run(
            RunRequest(
                file: path(name), stateDirectory: stateDirectory, target: .endpoint(sandbox.endpoint),
                output: .jsonLines, secretsFile: path("secrets.env"), runID: runID))
    }

    /// A reader of the state directory for a server (the workflow files of the folder for `/schedules`).
    func reader() throws -> RunReader {
        let state = StateDirectory(option: stateDirectory)
        try state.create()
        return RunReader(state: state, store: try state.openStore(), runtime: runtime, workflowPaths: [folder.path])
    }

    /// `havenflow serve` on a free loopback port (or `configuration`'s address).
    func serve(_ configuration: ServeConfiguration = ServeConfiguration(port: 0)) async throws -> ServeServer {
        try await ServeServer.start(configuration, reader: try reader())
    }

    func close() async {
        await sandbox.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// What the runtime reported (warnings, diagnostics), kept for a failing test to show.
final class Reports: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// One answer of the server, read in full.
struct Fetched {
    var status: Int
    var contentType: String
    var headers: [(String, String)]
    var body: String

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// GET `path` from `server` over loopback HTTP.
func fetch(_ server: ServeServer, _ path: String, headers: [String: String] = [:]) async throws -> Fetched {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path)")
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 64 << 20)
    return Fetched(
        status: Int(response.status.code), contentType: response.headers.first(name: "content-type") ?? "",
        headers: response.headers.map { ($0.name, $0.value) }, body: String(buffer: body))
}
