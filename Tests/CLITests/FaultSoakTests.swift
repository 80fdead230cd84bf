import Foundation
import HavenSandbox
import JSONValue
import Testing

/// The migration of N connectors (create async, wait jobs, start, wait runs, delete the old ones) against
/// a sandbox that fails, drops connections (also after applying a change) and throttles: the run must
/// succeed, leave exactly the intended state, and the audit must show each change exactly once.
/// N = 100; N = 500 with HAVENFLOW_SOAK=1 (`make soak`).
@Suite(.timeLimit(.minutes(10))) struct FaultSoakTests {
    static let faults = "503=0.05,reset=0.02,reset@after=0.01,latency=1ms..30ms,429=0.02"
    static let count = ProcessInfo.processInfo.environment["HAVENFLOW_SOAK"] == "1" ? 500 : 100

    static func migration(_ legacy: [String]) -> String {
        """
        name: migrate-under-faults
        vars:
          legacy: [\(legacy.joined(separator: ", "))]
        defaults:
          retry: { attempts: 15, delay: 20ms, backoff: exponential, max_delay: 400ms }
        steps:
          - id: recreate
            for_each: ${{ vars.legacy }}
            concurrency: 16
            create:
              connector: "new-${{ item }}"
              flavor: web_cloud
              config: { url: "https://intranet.example.com/${{ item }}" }
              destination: { action: addtotextindex, index: migrated }
              async: true
          - id: jobs
            for_each: ${{ steps.recreate.outputs }}
            concurrency: 16
            wait-job: { job: "${{ item.job_id }}", interval: 10ms, timeout: 1m }
          - id: start
            for_each: ${{ vars.legacy }}
            concurrency: 16
            start-connector: { connector: "new-${{ item }}" }
          - id: runs
            for_each: ${{ vars.legacy }}
            concurrency: 16
            wait-connector: { connector: "new-${{ item }}", until: [FINISHED], interval: 50ms, timeout: 2m }
          - id: retire
            for_each: ${{ vars.legacy }}
            concurrency: 16
            delete-connector: { connector: "${{ item }}" }
        """
    }

    static func seed(_ legacy: [String]) -> String {
        """
        name: seed
        steps:
          - for_each: [\(legacy.joined(separator: ", "))]
            concurrency: 16
            create:
              connector: ${{ item }}
              flavor: web_cloud
              config: { url: "https://intranet.example.com/${{ item }}" }
              destination: { action: addtotextindex, index: legacy }
        """
    }

    @Test func aMigrationUnderFaultsChangesEachConnectorExactlyOnce() async throws {
        let legacy = (0..<Self.count).map { "old\($0)" }
        let folder = try HavenflowProcess.folder(with: [
            "seed.yaml": Self.seed(legacy), "migrate.yaml": Self.migration(legacy),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("sandbox.sqlite").path
        let audit = folder.appendingPathComponent("audit.jsonl").path

        let clean = try await HavenSandbox.start(SandboxConfiguration(seed: 5, dataFile: data))
        let seeded = try await run("seed.yaml", against: clean, in: folder)
        await clean.stop()
        #expect(seeded.status == 0, "\(seeded.stderr)")

        let faulty = try await HavenSandbox.start(
            SandboxConfiguration(
                jobDelay: .milliseconds(10), runDuration: .seconds(3), seed: 7,
                faults: try FaultPlan(parsing: Self.faults), auditFile: audit, dataFile: data))
        let migrated = try await run("migrate.yaml", against: faulty, in: folder)
        #expect(migrated.status == 0, "\(migrated.stdout.suffix(3000))\n\(migrated.stderr)")

        let renamed = legacy.map { "new-\($0)" }
        #expect(faulty.connectorNames() == renamed.sorted())
        for (old, new) in zip(legacy, renamed) {
            let record = try #require(faulty.connector(named: new))
            #expect(record.rendered().contains("https://intranet.example.com/\(old)\""), "\(new)")
            #expect(record["status"] == "FINISHED", "\(new)")
            #expect(record["runs"] == 1, "\(new)")
        }
        let log = AuditedSandbox(sandbox: faulty, auditPath: audit)
        #expect(log.audited("createconnector").sorted() == renamed.sorted())
        #expect(log.audited("startconnector").sorted() == renamed.sorted())
        #expect(log.audited("deleteconnector").sorted() == legacy.sorted())
        await faulty.stop()
    }

    func run(_ file: String, against sandbox: HavenSandbox, in folder: URL) async throws -> HavenflowProcess.Output {
        try await HavenflowProcess.run(
            ["run", file, "--state-dir", "state", "--endpoint", sandbox.endpoint],
            environment: ["HAVEN_APIKEY": sandbox.apiKey, "NO_COLOR": "1"], in: folder)
    }
}
