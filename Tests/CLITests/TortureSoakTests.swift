import Foundation
import HavenSandbox
import JSONValue
import Testing

/// The torture test of issue 16: a mixed runbook — create an index, create connectors with `async: true,
/// wait: true`, start them, wait for their runs, update some (`async: true, wait: true`), delete the legacy
/// ones — against a sandbox whose request and job faults are several times the fault test's, SIGKILLed
/// again and again at moments drawn from the run's own progress (its run log: an element or plain step
/// finished), so the kills follow the run into every step, and resumed after each kill until it succeeds.
/// The sandbox's audit must show every create, start, update and delete exactly once, and nothing left
/// behind. Small in `make test`; `HAVENFLOW_SOAK=1` (`make soak`) runs a bigger one with three seeds.
extension DurableRuns {
    @Suite(.serialized, .timeLimit(.minutes(30))) struct TortureSoakTests {
        struct Size {
            var connectors: Int
            var minimumKills: Int
        }

        static let soak = ProcessInfo.processInfo.environment["HAVENFLOW_SOAK"] == "1"
        static let size = soak ? Size(connectors: 120, minimumKills: 100) : Size(connectors: 40, minimumKills: 20)
        static let faults = "503=0.15,reset=0.05,reset@after=0.05,429=0.05,jobfail=0.2"

        static let names = (0..<size.connectors).map { String(format: "t%03d", $0) }
        /// Every other connector is updated.
        static let updated = names.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        /// Connectors that exist before the run and that it deletes: half as many as it creates.
        static let legacy = (0..<size.connectors / 2).map { String(format: "old%03d", $0) }
        /// Elements and plain steps of the run: the index, three steps over every connector, the updates
        /// and the deletes.
        static let work = 1 + 3 * names.count + updated.count + legacy.count

        static func list(_ names: [String]) -> String { "[\(names.joined(separator: ", "))]" }

        static let runbook = """
            name: torture
            defaults:
              retry: { attempts: 25, delay: 10ms, backoff: exponential, max_delay: 200ms }
            steps:
              - id: index
                create-index: { index: torture, flavor: standard }
              - id: create
                for_each: \(list(names))
                concurrency: 4
                create-connector:
                  connector: "${{ item }}"
                  flavor: web_cloud
                  config: { url: "https://example.com/${{ item }}" }
                  destination: { action: addtotextindex, index: torture }
                  async: true
                  wait: true
              - id: start
                for_each: \(list(names))
                concurrency: 4
                start-connector: { connector: "${{ item }}" }
              - id: done
                for_each: \(list(names))
                concurrency: 4
                wait-connector: { connector: "${{ item }}", interval: 20ms, timeout: 1m }
              - id: update
                for_each: \(list(updated))
                concurrency: 4
                update-connector:
                  connector: "${{ item }}"
                  config: { url: "https://example.com/${{ item }}/v2" }
                  async: true
                  wait: true
              - id: retire
                for_each: \(list(legacy))
                concurrency: 4
                delete-connector: { connector: "${{ item }}" }

            """

        static var seed: SandboxSeed {
            get throws {
                let connectors: [JSON] = legacy.map { name in
                    [
                        "name": .string(name), "flavor": "web_cloud", "config": ["url": .string("https://old.example/\(name)")],
                        "destination": ["action": "addtotextindex", "index": "legacy"],
                    ]
                }
                return try SandboxSeed(json: ["connectors": .array(connectors), "indexes": []])
            }
        }

        @Test(arguments: (soak ? [31, 32, 33] : [31]) as [UInt64], CLIStoreBackend.allCases)
        func killedAgainAndAgainUnderHeavyFaultsEveryChangeHappensOnce(seed: UInt64, backend: CLIStoreBackend)
            async throws
        {
            let folder = try HavenflowProcess.folder(with: ["torture.yaml": Self.runbook])
            defer { try? FileManager.default.removeItem(at: folder) }
            let audit = folder.appendingPathComponent("audit.jsonl").path
            let sandbox = try await HavenSandbox.start(
                SandboxConfiguration(
                    jobDelay: .milliseconds(5), runDuration: .milliseconds(50), seed: seed,
                    faults: try FaultPlan(parsing: Self.faults), auditFile: audit))
            defer { Task { await sandbox.stop() } }
            _ = try sandbox.seed(try Self.seed)
            let haven = AuditedSandbox(sandbox: sandbox, auditPath: audit)
            let environment = haven.environment.merging(try backend.freshEnvironment()) { $1 }
            let arguments = ["--state-dir", "state", "--endpoint", sandbox.endpoint]
            let log = RunLogProgress(stateDir: folder.appendingPathComponent("state"))

            // Progress: two per finished element or plain step, one per plain step started. The first kill
            // comes as the index step starts; each next one one or two finished elements on from where the
            // run is; none once the last element is due, so the run can end. Where each kill landed: the step
            // of the last event logged.
            var generator = SplitMix(seed: seed)
            var landed: [String] = []
            let (id, kills) = try await killRepeatedly(
                "torture.yaml",
                next: { done in
                    let moment = done == 0 ? 1 : done + 2 * (1 + Int(generator.next() % 2))
                    return moment < 2 * Self.work ? moment : nil
                },
                arguments: arguments, environment: environment, in: folder,
                progress: {
                    let read = log.read()
                    return 2 * read.finished + read.plainStepsStarted
                },
                afterKill: { _ in landed.append(log.read().lastStep ?? "(before the first step)") })

            var status = try await StateQuery.show(id, stateDir: "state", in: folder, environment: environment)["status"]?
                .stringValue
            for _ in 0..<4 where status != "succeeded" {
                let resumed = try await HavenflowProcess.run(["resume", id] + arguments, environment: environment, in: folder)
                if resumed.status != 0 && resumed.status != 1 { Issue.record("resume exited \(resumed.status): \(resumed.stderr)") }
                status = try await StateQuery.show(id, stateDir: "state", in: folder, environment: environment)["status"]?
                    .stringValue
            }
            #expect(status == "succeeded", "the run did not finish after the kills")

            let steps = Set(landed)
            #expect(kills >= Self.size.minimumKills, "the run ended before it was killed often enough (\(kills))")
            #expect(steps.count >= 4, "the kills landed in too few steps: \(landed)")

            #expect(haven.audited("createtextindex") == ["torture"])
            for api in ["createconnector", "startconnector"] {
                #expect(haven.audited(api).sorted() == Self.names, "\(api): each exactly once")
            }
            #expect(haven.audited("updateconnector").sorted() == Self.updated, "updateconnector: each exactly once")
            #expect(haven.audited("deleteconnector").sorted() == Self.legacy, "deleteconnector: each exactly once")
            #expect(sandbox.connectorNames() == Self.names, "the new connectors and nothing else left behind")
            for name in Self.names {
                let connector = sandbox.connector(named: name)
                let url = Self.updated.contains(name) ? "https://example.com/\(name)/v2" : "https://example.com/\(name)"
                #expect(connector?["config"]?["config"]?["url"]?.stringValue == url, "\(name)'s config")
                #expect(connector?["runs"] == 1, "\(name) ran once")
            }
            let changes = 1 + 2 * Self.names.count + Self.updated.count + Self.legacy.count
            let spread = steps.sorted().map { step in "\(step) \(landed.filter { $0 == step }.count)" }
            print(
                "torture, seed \(seed), \(backend.rawValue): survived \(kills) kills (\(spread.joined(separator: ", "))), "
                    + "checked \(changes) changes")
        }
    }
}
