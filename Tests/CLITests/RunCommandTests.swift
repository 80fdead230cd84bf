import Foundation
import HavenSandbox
import JSONValue
import Testing

@Suite(.timeLimit(.minutes(2))) struct RunCommandTests {
    static let greet = "name: greet\nsteps:\n  - id: hello\n    log: { message: \"hello ${{ inputs.who }}\" }\n"
        + "inputs:\n  who: { type: string, required: true }\n"

    @Test func aWorkflowWithoutHavenStepsNeedsNoEndpoint() async throws {
        let folder = try HavenflowProcess.folder(with: ["greet.yaml": Self.greet])
        let output = try await HavenflowProcess.run(
            ["run", "greet.yaml", "--input", "who=operators", "--state-dir", "state"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(normalised(output.stdout) == """
            run <run>: greet (greet.yaml)
            ▶ hello (log)
              hello: hello operators
            ✓ hello (log) <duration>

            STEP   ACTION  STATUS     ATTEMPTS  DURATION
            hello  log     succeeded  1         <duration>
            run log: state/runs/<run>.jsonl
            run succeeded in <duration>

            """)
    }

    @Test func aMissingRequiredInputIsAUsageError() async throws {
        let folder = try HavenflowProcess.folder(with: ["greet.yaml": Self.greet])
        let output = try await HavenflowProcess.run(["run", "greet.yaml", "--state-dir", "state"], in: folder)
        #expect(output.status == 64)
        #expect(output.stdout == "")
        #expect(output.stderr == "error: input 'who' is required: give it with --input who=VALUE\n")
    }

    @Test func noEndpointNamesTheThreeWays() async throws {
        let folder = try HavenflowProcess.folder(with: [
            "status.yaml": "name: status\nsteps:\n  - connector-status: { connector: a }\n"
        ])
        let output = try await HavenflowProcess.run(
            ["run", "status.yaml", "--state-dir", "state"], environment: ["HAVEN_ENDPOINT": "", "HAVEN_APIKEY": ""],
            in: folder)
        #expect(output.status == 64)
        #expect(output.stderr == """
            error: no Haven endpoint is configured; give --endpoint URL (or --sandbox), set haven.endpoint in the \
            workflow, or set HAVEN_ENDPOINT (with HAVEN_APIKEY)

            """)
    }

    @Test func anInvalidWorkflowExitsTwoAndRunsNothing() async throws {
        let folder = try HavenflowProcess.folder(with: ["bad.yaml": "name: bad\nstpes: []\n"])
        let output = try await HavenflowProcess.run(["run", "bad.yaml", "--state-dir", "state"], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr == "bad.yaml:2:1: error: unknown key 'stpes'; did you mean 'steps'?\n  stpes: []\n  ^\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("state/runs").path))
    }

    @Test func jsonStreamsTheRunLogEventsAndNothingElse() async throws {
        let folder = try HavenflowProcess.folder(with: ["greet.yaml": Self.greet])
        let output = try await HavenflowProcess.run(
            ["run", "greet.yaml", "--input", "who=x", "--json", "--state-dir", "state"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let events = try output.stdout.split(separator: "\n").map { try JSON(parsing: String($0)) }
        #expect(events.first?["event"] == "run_started")
        #expect(events.last?["event"] == "run_finished")
        #expect(events.last?["status"] == "succeeded")
    }

    @Test func theEmbeddedSandboxKeepsItsDataBetweenRuns() async throws {
        let folder = try HavenflowProcess.folder(with: [
            "make.yaml": """
                name: make
                steps:
                  - create:
                      connector: kept
                      flavor: web_cloud
                      config: { url: "https://example.com" }
                      destination: { action: addtotextindex, index: x }
                """,
            "check.yaml": "name: check\nsteps:\n  - connector-status: { connector: kept }\n",
        ])
        let made = try await HavenflowProcess.run(["run", "make.yaml", "--sandbox", "--state-dir", "state"], in: folder)
        #expect(made.status == 0, "\(made.stdout)\n\(made.stderr)")
        let checked = try await HavenflowProcess.run(["run", "check.yaml", "--sandbox", "--state-dir", "state"], in: folder)
        #expect(checked.status == 0, "\(checked.stdout)\n\(checked.stderr)")
    }

    @Test func theApiKeyAndSecretsNeverAppearInAnyOutput() async throws {
        let key = "k3y-\(UUID().uuidString)"
        let secret = "s3cret-\(UUID().uuidString)"
        let sandbox = try await HavenSandbox.start(SandboxConfiguration(apiKeys: [key]))
        let folder = try HavenflowProcess.folder(with: [
            "leak.yaml": """
                name: leak
                steps:
                  - log: { message: "token ${{ secrets.TOKEN }} and url https://x/?k=${{ secrets.TOKEN }}" }
                  - connector-status: { connector: "missing-${{ secrets.TOKEN }}" }
                    continue_on_error: true
                  - fail: { message: "failing with ${{ secrets.TOKEN }}" }
                """
        ])
        for json in [false, true] {
            let output = try await HavenflowProcess.run(
                ["run", "leak.yaml", "--state-dir", "state", "--endpoint", sandbox.endpoint] + (json ? ["--json"] : []),
                environment: ["HAVEN_APIKEY": key, "TOKEN": secret], in: folder)
            #expect(output.status == 1)
            for text in [output.stdout, output.stderr] {
                #expect(!text.contains(key))
                #expect(!text.contains(secret))
            }
            #expect(output.stdout.contains("****"))
        }
        let state = folder.appendingPathComponent("state")
        for path in FileManager.default.subpaths(atPath: state.path) ?? [] {
            guard let data = FileManager.default.contents(atPath: state.appendingPathComponent(path).path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(key), "\(path) holds the apikey")
            #expect(!text.contains(secret), "\(path) holds the secret")
        }
        await sandbox.stop()
    }
}
