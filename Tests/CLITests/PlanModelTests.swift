import Foundation
import HavenSandbox
import JSONValue
import Testing

/// `havenflow plan` models its own changes: a migration runbook that reads what it would create plans with
/// exit 0 against an empty sandbox and against one holding the legacy connectors, with the right summary,
/// and changes nothing (the sandbox's audit log stays empty).
@Suite(.timeLimit(.minutes(2))) struct PlanModelTests {
    static let runbook = """
        name: hidden-runbook
        inputs:
          legacy: { type: list, default: [wiki_old, docs_old] }
        steps:
          - id: inventory
            list-resources: { type: connector }
          - id: create
            for_each: ${{ inputs.legacy }}
            create-connector:
              connector: "v2-${{ item }}"
              flavor: web_cloud
              config: { url: "https://example.com/${{ item }}" }
              destination: { action: addtotextindex, index: migrated }
              async: true
          - id: jobs
            for_each: ${{ steps.create.outputs }}
            wait-job: { job: "${{ item.job_id }}" }
          - id: start
            for_each: ${{ inputs.legacy }}
            start-connector: { connector: "v2-${{ item }}" }
          - id: done
            for_each: ${{ inputs.legacy }}
            wait-connector: { connector: "v2-${{ item }}", timeout: 5s }
          - id: config
            retrieve-config: { connector: v2-wiki_old }
          - assert: { that: "${{ steps.config.outputs.config.config.url == 'https://example.com/wiki_old' }}" }
          - id: retire
            for_each: ${{ steps.inventory.outputs.private_resources }}
            where: ${{ contains(inputs.legacy, item.resource) }}
            delete-connector: { connector: "${{ item.resource }}" }
          - id: after
            list-resources: { type: connector }
          - log: { message: "after: ${{ join(steps.after.outputs.private_resources.*.resource, ', ') }}" }

        """

    func plan(seeded: Bool) async throws -> (HavenflowProcess.Output, AuditedSandbox) {
        let folder = try HavenflowProcess.folder(with: ["runbook.yaml": Self.runbook])
        let audited = try await AuditedSandbox.start(in: folder)
        if seeded {
            let legacy: [JSON] = ["wiki_old", "docs_old"].map { name in
                [
                    "name": .string(name), "flavor": "web_cloud", "config": ["url": "https://legacy.example.com"],
                    "destination": ["action": "addtotextindex", "index": "legacy"],
                ]
            }
            try audited.sandbox.seed(SandboxSeed(json: ["connectors": .array(legacy)]))
        }
        let output = try await HavenflowProcess.run(
            ["plan", "runbook.yaml", "--endpoint", audited.sandbox.endpoint, "--state-dir", "state"],
            environment: audited.environment, in: folder)
        await audited.sandbox.stop()
        return (output, audited)
    }

    func summary(_ stdout: String) -> [String] {
        let lines = stdout.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Plan: ") }) else { return [] }
        return Array(lines[start...].prefix { !$0.hasPrefix("run log: ") })
    }

    @Test func anEmptySandboxPlansTheCreatesAndStartsAndNoDelete() async throws {
        let (output, audited) = try await plan(seeded: false)
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(
            summary(output.stdout) == [
                "Plan: 2 connectors to create, 2 to start; 0 unknown",
                "  create connector v2-wiki_old, v2-docs_old",
                "  start  connector v2-wiki_old, v2-docs_old",
            ], "\(output.stdout)")
        #expect(output.stdout.contains("after: v2-docs_old, v2-wiki_old"), "\(output.stdout)")
        #expect(output.stdout.hasSuffix("; nothing was changed\n"), "\(output.stdout)")
        #expect((try? String(contentsOfFile: audited.auditPath, encoding: .utf8)) ?? "" == "")
    }

    @Test func aSandboxWithTheLegacyConnectorsPlansTheirDeletesToo() async throws {
        let (output, audited) = try await plan(seeded: true)
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(
            summary(output.stdout) == [
                "Plan: 2 connectors to create, 2 to start, 2 to delete; 0 unknown",
                "  create connector v2-wiki_old, v2-docs_old",
                "  start  connector v2-wiki_old, v2-docs_old",
                "  delete connector docs_old, wiki_old",
            ], "\(output.stdout)")
        #expect(output.stdout.contains("after: v2-docs_old, v2-wiki_old"), "\(output.stdout)")
        #expect((try? String(contentsOfFile: audited.auditPath, encoding: .utf8)) ?? "" == "")
        #expect(audited.sandbox.connectorNames() == ["docs_old", "wiki_old"])
    }

    @Test func jsonHasOneChangePlannedEventPerChange() async throws {
        let folder = try HavenflowProcess.folder(with: ["runbook.yaml": Self.runbook])
        let audited = try await AuditedSandbox.start(in: folder)
        let output = try await HavenflowProcess.run(
            ["plan", "runbook.yaml", "--endpoint", audited.sandbox.endpoint, "--state-dir", "state", "--json"],
            environment: audited.environment, in: folder)
        await audited.sandbox.stop()
        #expect(output.status == 0, "\(output.stderr)")
        let events = try output.stdout.split(separator: "\n").map { try JSON(parsing: String($0)) }
        let changes = events.filter { $0["event"] == "change_planned" }.map {
            "\($0["change"]?.stringValue ?? "") \($0["type"]?.stringValue ?? "") \($0["resource"]?.stringValue ?? "-")"
        }
        #expect(changes == [
            "create connector v2-wiki_old", "create connector v2-docs_old", "start connector v2-wiki_old",
            "start connector v2-docs_old",
        ])
    }

    /// A read of what an earlier step deletes would certainly fail: exit 1, naming the step.
    @Test func readingWhatThePlanDeletesFailsWithExitOne() async throws {
        let folder = try HavenflowProcess.folder(with: [
            "flow.yaml": """
                name: reads-deleted
                steps:
                  - id: make
                    create-index: { index: docs }
                  - id: retire
                    delete-index: { index: docs }
                  - id: again
                    delete-index: { index: docs }

                """
        ])
        let audited = try await AuditedSandbox.start(in: folder)
        let output = try await HavenflowProcess.run(
            ["plan", "flow.yaml", "--endpoint", audited.sandbox.endpoint, "--state-dir", "state"],
            environment: audited.environment, in: folder)
        await audited.sandbox.stop()
        #expect(output.status == 1)
        #expect(
            output.stdout.contains(
                "index 'docs' would not exist by then: step 'retire' deletes it, so deleting it would fail; add missing_ok: true if that is expected"),
            "\(output.stdout)")
    }
}
