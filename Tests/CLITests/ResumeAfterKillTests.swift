import Foundation
import JSONValue
import Testing

/// The proof of issue 7: a 1,000-element delete run killed with SIGKILL at a random point, then resumed,
/// deletes every connector exactly once and records nothing as done that was not.
extension DurableRuns {
    @Suite(.serialized, .timeLimit(.minutes(10))) struct ResumeAfterKillTests {
        static let names = (0..<1000).map { String(format: "c%04d", $0) }

        static func files(_ names: [String]) -> [String: String] {
            let list = "[" + names.joined(separator: ", ") + "]"
            return [
                "seed.yaml": """
                    name: seed
                    steps:
                      - id: make
                        for_each: \(list)
                        concurrency: 16
                        create-connector:
                          connector: "${{ item }}"
                          flavor: web_cloud
                          config: { url: "https://intranet.example.com/${{ item }}" }
                          destination: { action: addtotextindex, index: archive }

                    """,
                "retire.yaml": """
                    name: retire
                    steps:
                      - id: retire
                        for_each: \(list)
                        concurrency: 8
                        delete-connector: { connector: "${{ item }}", missing_ok: true }

                    """,
            ]
        }

        /// Three seeds on SQLite; one on PostgreSQL.
        @Test(arguments: [(1, .sqlite), (2, .sqlite), (3, .sqlite), (1, .postgres)] as [(UInt64, CLIStoreBackend)])
        func aKilledRunResumesAndDeletesEveryConnectorExactlyOnce(seed: UInt64, backend: CLIStoreBackend) async throws {
            let folder = try HavenflowProcess.folder(with: Self.files(Self.names))
            let haven = try await AuditedSandbox.seeded(in: folder, count: Self.names.count)
            defer { Task { [sandbox = haven.sandbox] in await sandbox.stop() } }
            let endpoint = ["--endpoint", haven.sandbox.endpoint]
            let store = try backend.freshEnvironment()
            let environment = haven.environment.merging(store) { $1 }

            // Kill after a seed-chosen number of deletes took effect (somewhere between 5% and 95%).
            var generator = SplitMix(seed: seed)
            let killAfter = 50 + Int(generator.next() % 900)
            let run = try RunningHavenflow(
                ["run", "retire.yaml", "--state-dir", "state"] + endpoint, environment: environment, in: folder)
            try await waitUntil { haven.audited("deleteconnector").count >= killAfter || !run.process.isRunning }
            try await run.kill()
            #expect(run.process.terminationReason == .uncaughtSignal, "the run ended before it was killed: \(run.stderr)")

            let runs = try await StateQuery.runs(stateDir: "state", in: folder, environment: store)
            #expect(runs.count == 1)
            let runID = try #require(runs.first?["id"]?.stringValue)
            #expect(runs.first?["status"] == "interrupted")

            // Every element recorded as succeeded took effect.
            let deletedBeforeResume = Set(haven.audited("deleteconnector"))
            let recorded = try await StateQuery.show(runID, stateDir: "state", in: folder, environment: store)["steps"]?[0]?["element_records"]?.arrayValue ?? []
            let succeeded = recorded.filter { $0["status"] == "succeeded" }.compactMap { $0["index"]?.intValue }
            #expect(!succeeded.isEmpty)
            #expect(succeeded.allSatisfy { deletedBeforeResume.contains(Self.names[$0]) })

            let resumed = try await HavenflowProcess.run(
                ["resume", runID, "--state-dir", "state"] + endpoint, environment: environment, in: folder)
            #expect(resumed.status == 0, "\(resumed.stderr)")

            #expect(haven.sandbox.connectorNames().isEmpty)
            let deletes = haven.audited("deleteconnector")
            #expect(deletes.sorted() == Self.names, "each connector deleted exactly once")
            let after = try await StateQuery.show(runID, stateDir: "state", in: folder, environment: store)
            #expect(after["status"] == "succeeded")
            #expect(after["resumes"] == 1)
            #expect(after["steps"]?[0]?["elements"] == ["succeeded": 1000])
            #expect(try await StateQuery.runs(stateDir: "state", in: folder, environment: store).count == 1)
            let log = try String(contentsOf: folder.appendingPathComponent("state/runs/\(runID).jsonl"), encoding: .utf8)
            let events = log.split(separator: "\n").compactMap { try? JSON(parsing: String($0))["event"]?.stringValue }
            #expect(events.filter { $0 == "run_started" }.count == 2, "the resume appended to the log")
        }
    }
}

/// A small seeded generator (SplitMix64), so each seed kills at the same point on every machine.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
