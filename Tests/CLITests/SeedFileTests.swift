import Foundation
import JSONValue
import Testing

/// `--seed-file`: `run/plan --sandbox` and `havenflow sandbox` start with the resources a YAML or JSON file
/// lists; a seed that cannot be used stops the command with exit 64 before anything runs.
@Suite(.timeLimit(.minutes(2))) struct SeedFileTests {
    static let workflow = """
        name: reads-legacy
        steps:
          - id: old
            retrieve-config: { connector: wiki_old }
          - log: { message: "wiki_old is a ${{ steps.old.outputs.flavor }} connector" }

        """

    static let seed = """
        indexes:
          - { name: legacy }
        connectors:
          - name: wiki_old
            flavor: web_cloud
            config: { url: "https://wiki.example.com" }
            destination: { action: addtotextindex, index: legacy }

        """

    @Test func aRunOnTheEmbeddedSandboxReadsWhatTheYAMLSeedCreated() async throws {
        let folder = try HavenflowProcess.folder(with: ["flow.yaml": Self.workflow, "seed.yaml": Self.seed])
        let output = try await HavenflowProcess.run(
            ["run", "flow.yaml", "--sandbox", "--seed-file", "seed.yaml", "--state-dir", "state"],
            environment: ["NO_COLOR": "1"], in: folder)
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("wiki_old is a web_cloud connector"), "\(output.stdout)")
    }

    @Test func anUnusableSeedStopsTheRunWithExit64() async throws {
        let folder = try HavenflowProcess.folder(with: [
            "flow.yaml": Self.workflow, "seed.json": #"{"connectors": [{"name": "wiki_old", "flavor": "web"}]}"#,
        ])
        let output = try await HavenflowProcess.run(
            ["plan", "flow.yaml", "--sandbox", "--seed-file", "seed.json", "--state-dir", "state"], in: folder)
        #expect(output.status == 64)
        #expect(
            output.stderr.contains(
                "--seed-file: seed.json: connectors[0].flavor: 'web' is not a connector flavor (one of web_cloud,"),
            "\(output.stderr)")
        let missing = try await HavenflowProcess.run(
            ["plan", "flow.yaml", "--sandbox", "--seed-file", "nowhere.json", "--state-dir", "state"], in: folder)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--seed-file: cannot read nowhere.json"), "\(missing.stderr)")
    }

    @Test func seedFileWithoutSandboxIsAUsageError() async throws {
        let folder = try HavenflowProcess.folder(with: ["flow.yaml": Self.workflow, "seed.yaml": Self.seed])
        let output = try await HavenflowProcess.run(["plan", "flow.yaml", "--seed-file", "seed.yaml"], in: folder)
        #expect(output.status == 64)
        #expect(output.stderr.contains("--seed-file goes with --sandbox."), "\(output.stderr)")
    }

    @Test func theStandaloneSandboxStartsWithTheSeed() async throws {
        let folder = try HavenflowProcess.folder(with: ["seed.yaml": Self.seed])
        let sandbox = try ShellLine(
            "\(HavenflowProcess.binary.path) sandbox --port 0 --seed-file seed.yaml", environment: [:], in: folder)
        try await waitUntil("the sandbox to listen", timeout: .seconds(60)) { sandbox.stdout.contains("listening") }
        let endpoint = try #require(sandbox.stdout.firstMatch(of: /listening on (\S+)/)?.1)
        let status = try await HavenflowProcess.run(
            ["run", "flow.yaml", "--endpoint", String(endpoint), "--state-dir", "state"],
            environment: ["HAVEN_APIKEY": "sandbox-key", "NO_COLOR": "1"],
            in: try HavenflowProcess.folder(with: ["flow.yaml": Self.workflow]))
        _ = kill(sandbox.process.processIdentifier, SIGTERM)
        #expect(try await sandbox.wait() == 0)
        #expect(status.status == 0, "\(status.stdout)\n\(status.stderr)")
        #expect(status.stdout.contains("wiki_old is a web_cloud connector"))
    }
}
