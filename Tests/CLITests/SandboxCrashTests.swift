import Foundation
import Glibc
import HavenSandbox
import JSONValue
import Testing

/// `havenflow sandbox --data` is SIGKILLed in the middle of a run and restarted on the same data file and
/// port: the run's retries carry it through, and each change happens exactly once across both audit files.
@Suite(.timeLimit(.minutes(3))) struct SandboxCrashTests {
    static let names = (0..<40).map { "crash\($0)" }

    static let workflow = """
        name: create-delete
        defaults:
          retry: { attempts: 10, delay: 200ms, backoff: exponential, max_delay: 1s }
        steps:
          - id: create
            for_each: [\(names.joined(separator: ", "))]
            concurrency: 2
            create:
              connector: ${{ item }}
              flavor: web_cloud
              config: { url: "https://example.com/${{ item }}" }
              destination: { action: addtotextindex, index: crash }
          - id: delete
            for_each: ${{ steps.create.outputs }}
            concurrency: 2
            delete-connector: { connector: "${{ item.connector }}" }
        """

    /// A port nobody listens on now: a sandbox in this process picks one, then lets it go.
    static func freePort() async throws -> String {
        let probe = try await HavenSandbox.start(SandboxConfiguration())
        let port = String(probe.endpoint.split(separator: ":").last ?? "0")
        await probe.stop()
        return port
    }

    static func sandbox(port: String, data: String, audit: String, in folder: URL) throws -> RunningHavenflow {
        try RunningHavenflow(
            ["sandbox", "--port", port, "--data", data, "--audit", audit, "--job-delay", "10ms",
             "--run-duration", "100ms"], in: folder)
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: String) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port) ?? 0).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    static func lines(_ path: String) -> [JSON] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSON(parsing: String($0)) }
    }

    /// `attempt_failed` events in the run logs under `folder/state/runs`.
    static func failedAttempts(in folder: URL) -> Int {
        let runs = folder.appendingPathComponent("state/runs")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []
        return files.filter { $0.hasSuffix(".jsonl") }.flatMap { lines(runs.appendingPathComponent($0).path) }
            .filter { $0["event"]?.stringValue == "attempt_failed" }.count
    }

    @Test func aRunSurvivesTheSandboxBeingKilledAndRestarted() async throws {
        let folder = try HavenflowProcess.folder(with: ["crash.yaml": Self.workflow])
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("sandbox.sqlite").path
        let audits = ["audit-1.jsonl", "audit-2.jsonl"].map { folder.appendingPathComponent($0).path }
        let port = try await Self.freePort()
        let first = try Self.sandbox(port: port, data: data, audit: audits[0], in: folder)
        try await waitUntil { Self.accepts(port: port) }

        let run = try RunningHavenflow(
            ["run", "crash.yaml", "--state-dir", "state", "--endpoint", "http://127.0.0.1:\(port)"],
            environment: ["HAVEN_APIKEY": "sandbox-key", "NO_COLOR": "1"], in: folder)
        try await waitUntil { Self.lines(audits[0]).count >= 15 }
        let failedBefore = Self.failedAttempts(in: folder)
        try await first.kill()
        try await waitUntil("an attempt of the run to fail against the killed sandbox") {
            Self.failedAttempts(in: folder) > failedBefore
        }
        let second = try Self.sandbox(port: port, data: data, audit: audits[1], in: folder)
        let status = try await run.wait()
        try await second.kill()
        #expect(status == 0, "\(run.stderr)")

        #expect(Self.lines(audits[0]).count < 2 * Self.names.count, "the sandbox was killed mid-run")
        #expect(!Self.lines(audits[1]).isEmpty, "the run went on against the restarted sandbox")
        let changes = audits.flatMap(Self.lines)
        // Each change at most once; and every change audited, but for one: the sandbox appends its audit line
        // after committing the change, so SIGKILL between the two loses the line of a change that was made
        // (the run's retry then finds it made, and does not make it again — which the data file confirms below).
        for api in ["createconnector", "deleteconnector"] {
            let resources = changes.filter { $0["api"]?.stringValue == api }.compactMap { $0["resource"]?.stringValue }
            #expect(Set(resources).count == resources.count, "\(api): a change made twice: \(resources.sorted())")
            let unaudited = Set(Self.names).subtracting(resources)
            #expect(unaudited.count <= 1, "\(api): not audited: \(unaudited.sorted())")
        }
        let after = try await HavenSandbox.start(SandboxConfiguration(dataFile: data))
        #expect(after.connectorNames().isEmpty)
        await after.stop()
    }
}
