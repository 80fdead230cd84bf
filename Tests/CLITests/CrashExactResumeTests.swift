import Foundation
import JSONValue
import Testing

/// The proof of issue 16, part 1: a 300-element delete run (`concurrency: 4`, no `missing_ok`) killed with
/// SIGKILL at several seeded moments and resumed after each kill until it succeeds deletes every connector
/// exactly once. An element killed after its delete was applied and before its record was written is
/// resumed as a retry after a lost answer (its started record), so "does not exist" counts as deleted.
extension DurableRuns {
    @Suite(.serialized, .timeLimit(.minutes(10))) struct CrashExactResumeTests {
        static let names = (0..<300).map { String(format: "k%03d", $0) }

        /// The kill test's seed workflow, and a delete at concurrency 4 without `missing_ok`.
        static func files(_ names: [String]) -> [String: String] {
            var files = ResumeAfterKillTests.files(names)
            files["retire.yaml"] = """
                name: retire
                steps:
                  - id: retire
                    for_each: [\(names.joined(separator: ", "))]
                    concurrency: 4
                    delete-connector: { connector: "${{ item }}" }

                """
            return files
        }

        /// Both seeds on SQLite; one on PostgreSQL (the same crash rules through the shared store).
        @Test(arguments: [(7, .sqlite), (8, .sqlite), (7, .postgres)] as [(UInt64, CLIStoreBackend)])
        func aRunKilledSeveralTimesFinishesOnResumeWithEachDeleteOnce(seed: UInt64, backend: CLIStoreBackend)
            async throws
        {
            let folder = try HavenflowProcess.folder(with: Self.files(Self.names))
            let haven = try await AuditedSandbox.seeded(in: folder, count: Self.names.count)
            defer { Task { [sandbox = haven.sandbox] in await sandbox.stop() } }
            let endpoint = ["--endpoint", haven.sandbox.endpoint]
            let store = try backend.freshEnvironment()
            let environment = haven.environment.merging(store) { $1 }

            // Kill when a seed-chosen number of deletes has taken effect: four moments, spread over the run.
            var generator = SplitMix(seed: seed)
            let moments = (0..<4).map { quarter in 5 + quarter * 72 + Int(generator.next() % 60) }
            let (id, kills) = try await killRepeatedly(
                "retire.yaml", at: moments, arguments: ["--state-dir", "state"] + endpoint,
                environment: environment, in: folder, progress: { haven.audited("deleteconnector").count },
                afterKill: { id async throws in
                    #expect(
                        try await StateQuery.show(id, stateDir: "state", in: folder, environment: store)["status"]
                            == "interrupted")
                })
            #expect(kills >= 3, "the run ended before it was killed often enough")

            // Resume until it succeeds; each resume must make progress, so a handful suffices.
            var status: Int32 = -1
            for _ in 0..<3 where status != 0 {
                let resumed = try await HavenflowProcess.run(
                    ["resume", id, "--state-dir", "state"] + endpoint, environment: environment, in: folder)
                status = resumed.status
                #expect(resumed.status == 0, "\(resumed.stderr)")
            }

            #expect(haven.sandbox.connectorNames().isEmpty)
            #expect(haven.audited("deleteconnector").sorted() == Self.names, "each connector deleted exactly once")
            let after = try await StateQuery.show(id, stateDir: "state", in: folder, environment: store)
            #expect(after["status"] == "succeeded")
            #expect(after["steps"]?[0]?["elements"] == ["succeeded": 300])
            let records = after["steps"]?[0]?["element_records"]?.arrayValue ?? []
            #expect(records.count == 300)
            #expect(records.allSatisfy { $0["outputs"]?["deleted"] == true })
            print("crash-exact resume, seed \(seed), \(backend.rawValue): survived \(kills) kills, checked \(Self.names.count) deletes")
        }
    }
}

extension AuditedSandbox {
    /// A sandbox in which `seed.yaml` of `folder` (run by `havenflow`) created `count` connectors.
    static func seeded(in folder: URL, count: Int) async throws -> AuditedSandbox {
        let haven = try await AuditedSandbox.start(in: folder)
        let seeded = try await HavenflowProcess.run(
            ["run", "seed.yaml", "--state-dir", "seed-state", "--endpoint", haven.sandbox.endpoint],
            environment: haven.environment, in: folder)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(haven.sandbox.connectorNames().count == count)
        return haven
    }
}
