import Foundation
import HavenSandbox
import JSONValue
import Testing

/// Every workflow under workflows/ runs against a sandbox, and the sandbox is in the intended state after.
@Suite(.timeLimit(.minutes(3))) struct ExampleWorkflowTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func workflow(_ name: String) -> String {
        repository.appendingPathComponent("workflows/\(name)").path
    }

    /// A fresh folder, a quick sandbox, and a function running `havenflow ARGS` there against it.
    struct Rehearsal {
        let folder: URL
        let sandbox: HavenSandbox

        static func start() async throws -> Rehearsal {
            let folder = try HavenflowProcess.folder(with: [:])
            let sandbox = try await HavenSandbox.start(
                SandboxConfiguration(jobDelay: .milliseconds(10), runDuration: .milliseconds(150)))
            return Rehearsal(folder: folder, sandbox: sandbox)
        }

        func run(_ arguments: [String]) async throws -> HavenflowProcess.Output {
            try await HavenflowProcess.run(
                arguments + ["--state-dir", "state", "--endpoint", sandbox.endpoint],
                environment: ["HAVEN_APIKEY": sandbox.apiKey, "NO_COLOR": "1"], in: folder)
        }

        /// Creates web connectors with these names through a small workflow of its own.
        func seed(_ names: [String]) async throws {
            let names = names.map { "\"\($0)\"" }.joined(separator: ", ")
            try """
            name: seed
            vars:
              names: [\(names)]
            steps:
              - for_each: ${{ vars.names }}
                create:
                  connector: ${{ item }}
                  flavor: web_cloud
                  config: { url: "https://intranet.example.com/${{ item }}" }
                  destination: { action: addtotextindex, index: legacy }
            """.write(to: folder.appendingPathComponent("seed.yaml"), atomically: true, encoding: .utf8)
            let output = try await run(["run", "seed.yaml"])
            #expect(output.status == 0, "\(output.stderr)")
        }

        func stop() async { await sandbox.stop() }
    }

    @Test func quickstartCreatesStartsAndWaitsAndCanRunAgain() async throws {
        let rehearsal = try await Rehearsal.start()
        for _ in 0..<2 {
            let output = try await rehearsal.run(["run", Self.workflow("quickstart.yaml")])
            #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
            #expect(output.stdout.contains("connector quickstart-web finished as FINISHED"))
        }
        #expect(rehearsal.sandbox.connectorNames() == ["quickstart-web"])
        #expect(rehearsal.sandbox.indexNames() == ["quickstart"])
        await rehearsal.stop()
    }

    @Test func migrationRecreatesUnderThePrefixAndRetiresTheOldOnes() async throws {
        let rehearsal = try await Rehearsal.start()
        try await rehearsal.seed(["wiki_old", "docs_old", "blog_old", "unrelated"])
        let output = try await rehearsal.run(["run", Self.workflow("migrate-web-connectors.yaml"), "--input", "prefix=v3-"])
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(rehearsal.sandbox.connectorNames() == ["unrelated", "v3-blog_old", "v3-docs_old", "v3-wiki_old"])
        #expect(rehearsal.sandbox.indexNames().contains("migrated"))
        let migrated = try #require(rehearsal.sandbox.connector(named: "v3-wiki_old"))
        #expect(migrated.rendered().contains("https://intranet.example.com/wiki_old"))
        #expect(output.stdout.contains("migrate-web-connectors succeeded: 3 retired"))
        await rehearsal.stop()
    }

    @Test func planChangesNothing() async throws {
        let rehearsal = try await Rehearsal.start()
        try await rehearsal.seed(["wiki_old", "docs_old", "blog_old"])
        let output = try await rehearsal.run(["plan", Self.workflow("migrate-web-connectors.yaml")])
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(rehearsal.sandbox.connectorNames() == ["blog_old", "docs_old", "wiki_old"])
        #expect(rehearsal.sandbox.indexNames().isEmpty)
        #expect(!output.stdout.contains(rehearsal.sandbox.apiKey))
        await rehearsal.stop()
    }

    @Test func nightlyCleanupDeletesOnlyThePrefixedConnectorsAndReports() async throws {
        let rehearsal = try await Rehearsal.start()
        try await rehearsal.seed(["tmp-a", "tmp-b", "keep-c"])
        let report = rehearsal.folder.appendingPathComponent("report.jsonl")
        let output = try await rehearsal.run(["run", Self.workflow("nightly-cleanup.yaml"), "--input", "report=\(report.path)"])
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(rehearsal.sandbox.connectorNames() == ["keep-c"])
        let line = try String(contentsOf: report, encoding: .utf8)
        #expect(line.contains("nightly-cleanup succeeded: 2 connectors deleted"))
        await rehearsal.stop()
    }

    @Test func recoveryReportsAFailureAndRunsFinally() async throws {
        let rehearsal = try await Rehearsal.start()
        let failed = try await rehearsal.run(["run", Self.workflow("start-with-recovery.yaml"), "--input", "connector=absent"])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("starting absent failed"))
        #expect(failed.stdout.contains("start-with-recovery failed for absent"))

        try await rehearsal.seed(["present"])
        let succeeded = try await rehearsal.run(["run", Self.workflow("start-with-recovery.yaml"), "--input", "connector=present"])
        #expect(succeeded.status == 0, "\(succeeded.stdout)\n\(succeeded.stderr)")
        #expect(!succeeded.stdout.contains("starting present failed"))
        #expect(succeeded.stdout.contains("start-with-recovery succeeded for present"))
        await rehearsal.stop()
    }

    @Test func everyExampleIsValid() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.repository.appendingPathComponent("workflows").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map(Self.workflow)
        #expect(files.count >= 4)
        let output = try await HavenflowProcess.run(["validate"] + files)
        #expect(output.status == 0, "\(output.stderr)")
    }
}
