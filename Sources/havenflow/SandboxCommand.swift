import ArgumentParser
import Foundation
import HavenActions
import HavenSandbox
import Timing

/// `havenflow sandbox`: the local Haven OnDemand–compatible service in the foreground, until SIGINT or
/// SIGTERM.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a local Haven OnDemand-compatible API (see docs/sandbox.md)."
    )

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: ArgumentHelp("SQLite file that keeps the sandbox's state across restarts (memory without it).", valueName: "file"))
    var data: String?

    @Option(name: .customLong("apikey"), help: ArgumentHelp("An accepted API key; repeat for several (default: sandbox-key).", valueName: "key"))
    var apiKeys: [String] = []

    @Option(name: .customLong("job-delay"), help: "How long an asynchronous job takes, e.g. 200ms.")
    var jobDelay = "200ms"

    @Option(name: .customLong("run-duration"), help: "How long a connector run takes, e.g. 2s.")
    var runDuration = "2s"

    @Option(name: .customLong("result-timeout"), help: "How long /1/job/result waits before error 7000.")
    var resultTimeout = "60s"

    @Option(help: ArgumentHelp("Faults to inject, e.g. 503=0.05,reset=0.02,reset@after=0.01,latency=5ms..50ms,jobfail=0.1 (a share of jobs ends failed with 5000); API:KIND=F hits one API (or jobstatus, jobresult) only.", valueName: "spec"))
    var faults = ""

    @Option(name: .customLong("delete-confirmation"), help: "required (two-step deletes) or none.")
    var deleteConfirmation = "required"

    @Option(help: ArgumentHelp("JSON Lines file with one line per change.", valueName: "file"))
    var audit: String?

    @Option(help: "Seed for job timing, ids, tokens and faults.")
    var seed: UInt64?

    @Option(name: .customLong("seed-file"), help: ArgumentHelp("Connectors and indexes to start with (YAML or JSON; see docs/sandbox.md).", valueName: "file"))
    var seedFile: String?

    @Option(name: .customLong("max-connectors"), help: "Connector quota (error 9003).")
    var maxConnectors: Int?

    @Option(name: .customLong("rate-limit"), help: "Requests per second before error 4030.")
    var rateLimit: Double?

    func validate() throws {
        _ = try makeConfiguration()
        _ = try readSeed()
    }

    private func readSeed() throws -> SandboxSeed? {
        guard let seedFile else { return nil }
        do { return try SandboxSeed(file: seedFile) } catch { throw ValidationError("--seed-file: \(error)") }
    }

    func makeConfiguration() throws -> SandboxConfiguration {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard let confirmation = SandboxConfiguration.DeleteConfirmation(rawValue: deleteConfirmation) else {
            throw ValidationError("--delete-confirmation must be required or none, not '\(deleteConfirmation)'")
        }
        if apiKeys.contains(where: \.isEmpty) { throw ValidationError("--apikey must not be empty") }
        if let maxConnectors, maxConnectors < 0 { throw ValidationError("--max-connectors must be 0 or more") }
        if let rateLimit, !(rateLimit > 0) { throw ValidationError("--rate-limit must be more than 0") }
        let plan: FaultPlan
        do { plan = try FaultPlan(parsing: faults) } catch { throw ValidationError("--faults: \(error.description)") }
        return SandboxConfiguration(
            host: host, port: port, apiKeys: apiKeys.isEmpty ? ["sandbox-key"] : apiKeys,
            jobDelay: try duration(jobDelay, "--job-delay"), runDuration: try duration(runDuration, "--run-duration"),
            resultTimeout: try duration(resultTimeout, "--result-timeout"), seed: seed, maxConnectors: maxConnectors,
            rateLimit: rateLimit, faults: plan, deleteConfirmation: confirmation, auditFile: audit, dataFile: data)
    }

    private func duration(_ text: String, _ flag: String) throws -> Duration {
        guard let value = Duration(parsing: text) else {
            throw ValidationError("\(flag) '\(text)' is not a duration such as 250ms, 2s or 500us")
        }
        return value
    }

    func run() async throws {
        let seed = try readSeed()
        try await HavenSandbox.serveUntilSignalled(makeConfiguration()) { sandbox in
            if let seed { try sandbox.seed(seed) }
            FileHandle.standardOutput.write(Data("Haven sandbox listening on \(sandbox.endpoint) (apikey: \(sandbox.apiKey))\n".utf8))
        }
        FileHandle.standardOutput.write(Data("Haven sandbox stopped\n".utf8))
    }
}
