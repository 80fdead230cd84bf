import Foundation
import HavenSandbox
import JSONValue

/// A `havenflow` process started without waiting for it: to kill it, or to race another against it.
final class RunningHavenflow: @unchecked Sendable {
    let process = Process()
    private let stderrURL: URL

    init(_ arguments: [String], environment: [String: String] = [:], in directory: URL) throws {
        stderrURL = directory.appendingPathComponent("stderr-\(UUID()).txt")
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = HavenflowProcess.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// A test that stops early (a failed expectation) leaves no process behind.
    deinit {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    var pid: Int32 { process.processIdentifier }

    /// SIGKILL, then waits for the process to be gone.
    func kill() async throws {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        try await HavenflowProcess.waitForExit(process)
    }

    /// Waits for it to exit and returns its status.
    func wait() async throws -> Int32 {
        try await HavenflowProcess.waitForExit(process)
        return process.terminationStatus
    }

    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
}

/// Polls `condition` every 20 ms until it holds; after `timeout`, fails naming `what` was awaited (read
/// then, so it may describe the state at the time).
func waitUntil(
    _ what: @autoclosure () -> String = "a condition", timeout: Duration = .seconds(90),
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw WaitTimedOut(what: what(), timeout: timeout) }
        try await Task.sleep(for: .milliseconds(20))
    }
}

struct WaitTimedOut: Error, CustomStringConvertible {
    var what: String
    var timeout: Duration
    var description: String { "waited \(timeout) for \(what)" }
}

/// A sandbox in this process with an audit file, and the environment that points `havenflow` at it.
struct AuditedSandbox {
    let sandbox: HavenSandbox
    let auditPath: String

    static func start(in folder: URL) async throws -> AuditedSandbox {
        let audit = folder.appendingPathComponent("audit.jsonl").path
        let sandbox = try await HavenSandbox.start(
            SandboxConfiguration(jobDelay: .milliseconds(5), auditFile: audit))
        return AuditedSandbox(sandbox: sandbox, auditPath: audit)
    }

    var environment: [String: String] { ["HAVEN_APIKEY": sandbox.apiKey, "NO_COLOR": "1"] }

    /// The audit lines of `api` (e.g. `deleteconnector`): the resource of each, in order.
    func audited(_ api: String) -> [String] {
        let text = (try? String(contentsOfFile: auditPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let entry = try? JSON(parsing: String(line)), entry["api"]?.stringValue == api else { return nil }
            return entry["resource"]?.stringValue
        }
    }
}

/// `havenflow runs --json` / `show --json` of a state directory (or of the store `environment`'s
/// `HAVENFLOW_STORE` names), parsed.
enum StateQuery {
    static func runs(stateDir: String, in folder: URL, environment: [String: String] = [:]) async throws -> [JSON] {
        let output = try await HavenflowProcess.run(
            ["runs", "--json", "--state-dir", stateDir], environment: environment, in: folder)
        return try JSON(parsing: output.stdout)["runs"]?.arrayValue ?? []
    }

    static func show(_ runID: String, stateDir: String, in folder: URL, environment: [String: String] = [:])
        async throws -> JSON
    {
        let output = try await HavenflowProcess.run(
            ["show", runID, "--json", "--state-dir", stateDir], environment: environment, in: folder)
        return try JSON(parsing: output.stdout)
    }
}
