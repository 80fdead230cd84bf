import Foundation
import JSONValue
import Testing

extension DurableRuns {
    @Suite(.timeLimit(.minutes(6))) struct ResumeCommandTests {
        static let files = [
            "move.yaml": """
                name: move
                steps:
                  - id: make
                    create-connector:
                      connector: fresh
                      flavor: web_cloud
                      config: { url: "https://intranet.example.com/fresh" }
                      destination: { action: addtotextindex, index: archive }
                  - id: retire
                    delete-connector: { connector: legacy }

                """,
            "fix.yaml": """
                name: fix
                steps:
                  - create-connector:
                      connector: legacy
                      flavor: web_cloud
                      config: { url: "https://intranet.example.com/legacy" }
                      destination: { action: addtotextindex, index: archive }

                """,
            "greet.yaml": "name: greet\nsteps:\n  - id: hello\n    log: { message: hello }\n",
        ]

        /// Runs `move.yaml`, whose `retire` step fails (no `legacy` connector yet); returns the run id.
        func failedMove(_ folder: URL, _ haven: AuditedSandbox, _ store: [String: String]) async throws -> String {
            let output = try await HavenflowProcess.run(
                ["run", "move.yaml", "--state-dir", "state", "--endpoint", haven.sandbox.endpoint],
                environment: haven.environment.merging(store) { $1 }, in: folder)
            #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
            return try #require(
                try await StateQuery.runs(stateDir: "state", in: folder, environment: store).first?["id"]?.stringValue)
        }

        func resume(_ arguments: [String], _ folder: URL, _ haven: AuditedSandbox, _ store: [String: String])
            async throws -> HavenflowProcess.Output
        {
            try await HavenflowProcess.run(
                ["resume"] + arguments + ["--state-dir", "state", "--endpoint", haven.sandbox.endpoint],
                environment: haven.environment.merging(store) { $1 }, in: folder)
        }

        @Test(arguments: CLIStoreBackend.allCases)
        func aFailedStepFixedInTheServiceResumesWithoutRedoingTheStepsBefore(backend: CLIStoreBackend) async throws {
            let store = try backend.freshEnvironment()
            let folder = try HavenflowProcess.folder(with: Self.files)
            let haven = try await AuditedSandbox.start(in: folder)
            let runID = try await failedMove(folder, haven, store)
            #expect(try await StateQuery.show(runID, stateDir: "state", in: folder, environment: store)["steps"]?.arrayValue?.map { $0["status"] } == ["succeeded", "failed"])

            let fixed = try await HavenflowProcess.run(
                ["run", "fix.yaml", "--state-dir", "state", "--endpoint", haven.sandbox.endpoint],
                environment: haven.environment.merging(store) { $1 }, in: folder)
            #expect(fixed.status == 0)
            let resumed = try await resume([runID], folder, haven, store)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(haven.audited("createconnector") == ["fresh", "legacy"])
            #expect(haven.audited("deleteconnector") == ["legacy"])
            let run = try await StateQuery.show(runID, stateDir: "state", in: folder, environment: store)
            #expect(run["status"] == "succeeded")
            #expect(run["steps"]?.arrayValue?.map { $0["status"] } == ["succeeded", "succeeded"])

            let again = try await resume([runID], folder, haven, store)
            #expect(again.status == 64)
            #expect(again.stderr == "error: run \(runID) succeeded; there is nothing to resume\n")
            await haven.sandbox.stop()
        }

        @Test(arguments: CLIStoreBackend.allCases)
        func resumeFromAStepRunsItAndTheLaterStepsAgain(backend: CLIStoreBackend) async throws {
            let store = try backend.freshEnvironment()
            let folder = try HavenflowProcess.folder(with: Self.files)
            let haven = try await AuditedSandbox.start(in: folder)
            let runID = try await failedMove(folder, haven, store)
            // `make` runs again: the connector it made exists, so this attempt fails (and shows it ran).
            let resumed = try await resume([runID, "--from", "make"], folder, haven, store)
            #expect(resumed.status == 1)
            let steps = try await StateQuery.show(runID, stateDir: "state", in: folder, environment: store)["steps"]?.arrayValue ?? []
            #expect(steps.map { $0["status"] } == ["failed", "skipped"])
            #expect(steps.first?["error"] != .null)
            #expect(haven.audited("createconnector") == ["fresh"])

            let unknownStep = try await resume([runID, "--from", "nope"], folder, haven, store)
            #expect(unknownStep.status == 64)
            #expect(normalised(unknownStep.stderr, folder: folder) == """
                error: --from: there is no step 'nope' in <folder>/move.yaml; its steps are 'make', 'retire'

                """)
            await haven.sandbox.stop()
        }

        @Test(arguments: CLIStoreBackend.allCases)
        func aFileWhoseRecordedStepsMovedIsRefusedUnlessForced(backend: CLIStoreBackend) async throws {
            let store = try backend.freshEnvironment()
            let folder = try HavenflowProcess.folder(with: Self.files)
            let haven = try await AuditedSandbox.start(in: folder)
            let runID = try await failedMove(folder, haven, store)
            let moved = Self.files["move.yaml"]!.replacingOccurrences(
                of: "steps:\n", with: "steps:\n  - id: first\n    log: { message: inserted }\n")
            try moved.write(to: folder.appendingPathComponent("move.yaml"), atomically: true, encoding: .utf8)

            let refused = try await resume([runID], folder, haven, store)
            #expect(refused.status == 2)
            #expect(refused.stderr == """
                error: \(folder.path)/move.yaml changed since run \(runID) so that its records no longer fit: step 'make' \
                moved from step 1 to step 2; step 'retire' moved from step 2 to step 3. Restore the file, or use --force \
                to resume anyway

                """)

            let forced = try await resume([runID, "--force"], folder, haven, store)
            #expect(forced.status == 1, "legacy still does not exist")
            #expect(haven.audited("createconnector") == ["fresh"], "make was not run again")
            await haven.sandbox.stop()
        }

        @Test(arguments: CLIStoreBackend.allCases)
        func unknownRunsAreUsageErrors(backend: CLIStoreBackend) async throws {
            let store = try backend.freshEnvironment()
            let folder = try HavenflowProcess.folder(with: Self.files)
            for command in [["resume", "nope"], ["show", "nope"], ["logs", "nope"]] {
                let output = try await HavenflowProcess.run(
                    command + ["--state-dir", "state"], environment: store, in: folder)
                #expect(output.status == 64)
                #expect(output.stderr == "error: there is no run nope in the state database (`havenflow runs` lists the runs)\n")
            }
        }

        @Test(arguments: CLIStoreBackend.allCases)
        func runsShowAndLogsDescribeARun(backend: CLIStoreBackend) async throws {
            let store = try backend.freshEnvironment()
            let folder = try HavenflowProcess.folder(with: Self.files)
            let output = try await HavenflowProcess.run(
                ["run", "greet.yaml", "--state-dir", "state"], environment: store, in: folder)
            #expect(output.status == 0)
            let runID = try #require(try await StateQuery.runs(stateDir: "state", in: folder, environment: store).first?["id"]?.stringValue)
            let table = try await HavenflowProcess.run(["runs", "--state-dir", "state"], environment: store, in: folder)
            #expect(normalised(table.stdout) == """
                RUN                            WORKFLOW  STATUS     STARTED                   DURATION
                <run>  greet     succeeded  <time>  <duration>

                """)
            #expect(table.stdout.hasPrefix("RUN                            WORKFLOW  STATUS     STARTED                   DURATION\n\(runID)  "))
            let show = try await HavenflowProcess.run(["show", runID, "--state-dir", "state"], environment: store, in: folder)
            #expect(normalised(show.stdout, folder: folder) == """
                run       <run>
                workflow  greet (<folder>/greet.yaml)
                status    succeeded
                started   <time> by pid <pid> on <host>
                duration  <duration>
                inputs    {}
                log       state/runs/<run>.jsonl

                STEP   ACTION  STATUS     ATTEMPTS  DURATION
                hello  log     succeeded  1         <duration>

                """)
            #expect(show.stdout.hasPrefix("run       \(runID)\n"))
            let logs = try await HavenflowProcess.run(["logs", runID, "--state-dir", "state"], environment: store, in: folder)
            let events = logs.stdout.split(separator: "\n").compactMap { try? JSON(parsing: String($0))["event"]?.stringValue }
            #expect(events == ["run_started", "step_started", "output", "step_finished", "run_finished"])
        }
    }
}
