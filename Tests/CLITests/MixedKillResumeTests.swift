import Foundation
import HavenSandbox
import JSONValue
import Testing

/// Kills and faults in combination: a mixed runbook — create an index, create connectors with
/// `async: true, wait: true`, start them, wait for their runs, delete them — against a sandbox whose
/// request and job faults are several times the fault test's (`503=0.15,reset=0.05,reset@after=0.05,
/// 429=0.05,jobfail=0.2`), SIGKILLed at seeded moments spread over every step and resumed after each kill
/// until it succeeds. The sandbox's audit must show every create, start and delete exactly once, and
/// nothing left behind. (A smaller cousin of the torture test issue 16 asks for: no update step yet.)
extension DurableRuns {
    @Suite(.serialized, .timeLimit(.minutes(10))) struct MixedKillResumeTests {
        static let names = (0..<24).map { String(format: "m%02d", $0) }
        static let list = "[\(names.joined(separator: ", "))]"

        static let runbook = """
            name: mixed
            defaults:
              retry: { attempts: 25, delay: 10ms, backoff: exponential, max_delay: 200ms }
            steps:
              - id: index
                create-index: { index: mixed, flavor: standard }
              - id: create
                for_each: \(list)
                concurrency: 4
                create-connector:
                  connector: "${{ item }}"
                  flavor: web_cloud
                  config: { url: "https://example.com/${{ item }}" }
                  destination: { action: addtotextindex, index: mixed }
                  async: true
                  wait: true
              - id: start
                for_each: \(list)
                concurrency: 4
                start-connector: { connector: "${{ item }}" }
              - id: done
                for_each: \(list)
                concurrency: 4
                wait-connector: { connector: "${{ item }}", interval: 20ms, timeout: 1m }
              - id: retire
                for_each: \(list)
                concurrency: 4
                delete-connector: { connector: "${{ item }}" }

            """

        @Test(arguments: [21, 22] as [UInt64])
        func killedAtSeededMomentsUnderHeavyFaultsEveryChangeHappensOnce(seed: UInt64) async throws {
            let folder = try HavenflowProcess.folder(with: ["mixed.yaml": Self.runbook])
            let audit = folder.appendingPathComponent("audit.jsonl").path
            let sandbox = try await HavenSandbox.start(
                SandboxConfiguration(
                    jobDelay: .milliseconds(5), runDuration: .milliseconds(50),
                    faults: try FaultPlan(parsing: "503=0.15,reset=0.05,reset@after=0.05,429=0.05,jobfail=0.2"),
                    auditFile: audit))
            defer { Task { await sandbox.stop() } }
            let haven = AuditedSandbox(sandbox: sandbox, auditPath: audit)
            let arguments = ["--state-dir", "state", "--endpoint", sandbox.endpoint]
            let changes = { ["createtextindex", "createconnector", "startconnector", "deleteconnector"].map(haven.audited).map(\.count).reduce(0, +) }

            // Six kills at seed-chosen numbers of applied changes, spread over the 1 + 3 × 24 changes.
            var generator = SplitMix(seed: seed)
            let moments = (0..<6).map { sixth in 1 + sixth * 12 + Int(generator.next() % 10) }
            let (id, kills) = try await killRepeatedly(
                "mixed.yaml", at: moments, arguments: arguments, environment: haven.environment, in: folder,
                progress: changes)
            var status: Int32 = -1
            for _ in 0..<4 where status != 0 {
                let resumed = try await HavenflowProcess.run(["resume", id] + arguments, environment: haven.environment, in: folder)
                status = resumed.status
                if status != 0 && status != 1 { Issue.record("resume exited \(status): \(resumed.stderr)") }
            }
            #expect(status == 0, "the run did not finish after the kills")
            #expect(kills >= 4, "the run ended before it was killed often enough (\(kills))")

            #expect(haven.audited("createtextindex") == ["mixed"])
            for api in ["createconnector", "startconnector", "deleteconnector"] {
                #expect(haven.audited(api).sorted() == Self.names, "\(api): each exactly once")
            }
            #expect(sandbox.connectorNames().isEmpty, "nothing left behind")
            print("mixed kill-and-resume, seed \(seed): survived \(kills) kills, checked \(1 + 3 * Self.names.count) changes")
        }
    }
}
