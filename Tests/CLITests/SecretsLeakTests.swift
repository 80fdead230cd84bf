import Foundation
import HavenSandbox
import Hummingbird
import JSONValue
import TestWebhook
import Testing

/// Every example workflow, and the ways a run fails (a bad key, a failing step, a webhook answering 500),
/// run with a known API key and known secrets (from a mode-600 secrets file and from the environment):
/// none of them may appear in clear in the console, the `--json` stream, the run logs, the state
/// database, the notification file or an error message.
@Suite(.timeLimit(.minutes(3))) struct SecretsLeakTests {
    let key = "k3y-\(UUID().uuidString)"
    let badKey = "b4d-\(UUID().uuidString)"
    let fileSecret = "f1le-\(UUID().uuidString)"
    let environmentSecret = "env-\(UUID().uuidString)"
    var secrets: [String] { [key, badKey, fileSecret, environmentSecret] }

    static let leak = """
        name: leak
        inputs:
          hook: { type: string, required: true }
          report: { type: string, required: true }
        steps:
          - log: { message: "file ${{ secrets.FILE_TOKEN }} env ${{ secrets.ENV_TOKEN }} https://x/?k=${{ secrets.ENV_TOKEN }}" }
          - connector-status: { connector: "missing-${{ secrets.FILE_TOKEN }}" }
            continue_on_error: true
          - create:
              connector: leaky
              flavor: web_cloud
              config: { url: "https://example.com/${{ secrets.ENV_TOKEN }}" }
              destination: { action: addtotextindex, index: x }
              credentials: { login: admin, password: "${{ secrets.FILE_TOKEN }}" }
          - id: hook
            notify: { webhook: "${{ inputs.hook }}/${{ secrets.ENV_TOKEN }}", message: "to ${{ secrets.FILE_TOKEN }}" }
            continue_on_error: true
          - fail: { message: "failing with ${{ secrets.FILE_TOKEN }} and ${{ secrets.ENV_TOKEN }}" }
        finally:
          - notify: { file: "${{ inputs.report }}", message: "${{ run.status }} ${{ secrets.ENV_TOKEN }} ${{ secrets.FILE_TOKEN }}" }
        """

    /// Runs `havenflow ARGUMENTS --state-dir state --endpoint E --secrets-file secrets.env` and checks
    /// that neither stream holds a secret; returns the output.
    @discardableResult
    func run(_ arguments: [String], endpoint: String, in folder: URL) async throws -> HavenflowProcess.Output {
        let output = try await HavenflowProcess.run(
            arguments + ["--state-dir", "state", "--endpoint", endpoint, "--secrets-file", "secrets.env"],
            environment: ["ENV_TOKEN": environmentSecret, "HAVEN_APIKEY": "", "NO_COLOR": "1"], in: folder)
        for secret in secrets {
            #expect(!output.stdout.contains(secret), "stdout of \(arguments) holds a secret")
            #expect(!output.stderr.contains(secret), "stderr of \(arguments) holds a secret")
        }
        return output
    }

    @Test func noSecretAppearsAnywhereInClear() async throws {
        let sandbox = try await HavenSandbox.start(
            SandboxConfiguration(apiKeys: [key], jobDelay: .milliseconds(10), runDuration: .milliseconds(150)))
        let folder = try HavenflowProcess.folder(with: [
            "leak.yaml": Self.leak,
            "secrets.env": "HAVEN_APIKEY=\(key)\nFILE_TOKEN=\(fileSecret)\n",
            "seed.yaml": """
                name: seed
                steps:
                  - for_each: [wiki_old, docs_old, blog_old, tmp-a, present]
                    create:
                      connector: ${{ item }}
                      flavor: web_cloud
                      config: { url: "https://intranet.example.com/${{ item }}" }
                      destination: { action: addtotextindex, index: legacy }
                """,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600], ofItemAtPath: folder.appendingPathComponent("secrets.env").path)
        let workflows = ExampleWorkflowTests.repository.appendingPathComponent("workflows")
        let endpoint = sandbox.endpoint
        let report = folder.appendingPathComponent("report.jsonl").path

        #expect(try await run(["run", "seed.yaml"], endpoint: endpoint, in: folder).status == 0)
        // Each example twice, as console text and as --json; the second migration fails (the legacy
        // connectors are gone by then), which is one more failure whose messages must be masked.
        let examples: [(String, [String], Int32)] = [
            ("quickstart.yaml", [], 0),
            ("migrate-web-connectors.yaml", ["--input", "prefix=v2-"], 0),
            ("migrate-web-connectors.yaml", ["--input", "prefix=v3-", "--json"], 1),
            ("nightly-cleanup.yaml", ["--input", "report=\(report)"], 0),
            ("start-with-recovery.yaml", ["--input", "connector=present"], 0),
            ("start-with-recovery.yaml", ["--input", "connector=absent"], 1),
        ]
        for (name, inputs, status) in examples {
            let twice = name.hasPrefix("migrate") ? [false] : [false, true]
            for json in twice {
                let path = workflows.appendingPathComponent(name).path
                let output = try await run(["run", path] + inputs + (json ? ["--json"] : []), endpoint: endpoint, in: folder)
                #expect(output.status == status, "\(name) \(inputs): \(output.stdout.suffix(2000)) \(output.stderr)")
            }
        }
        try await withWebhook(status: .internalServerError) { hook, _ in
            for json in [false, true] {
                let output = try await run(
                    ["run", "leak.yaml", "--input", "hook=\(hook)", "--input", "report=\(report)"]
                        + (json ? ["--json"] : []), endpoint: endpoint, in: folder)
                #expect(output.status == 1, "\(output.stderr)")
                #expect(output.stdout.contains("****"))
            }
        }
        // A key the sandbox refuses (from the environment: a secrets file's key would win): the run fails,
        // and the key is not shown in the error either.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("secrets.env"))
        let refusedWithoutFile = try await HavenflowProcess.run(
            ["run", workflows.appendingPathComponent("quickstart.yaml").path, "--state-dir", "state",
             "--endpoint", endpoint],
            environment: ["HAVEN_APIKEY": badKey, "NO_COLOR": "1"], in: folder)
        #expect(refusedWithoutFile.status != 0)
        #expect(!(refusedWithoutFile.stdout + refusedWithoutFile.stderr).contains(badKey))

        for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
            let url = folder.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for secret in secrets { #expect(!text.contains(secret), "\(path) holds a secret in clear") }
        }
        #expect(FileManager.default.fileExists(atPath: report))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("state").path))
        await sandbox.stop()
    }
}
