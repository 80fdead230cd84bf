import Foundation
import JSONValue
import Testing

extension DurableRuns {
    @Suite(.timeLimit(.minutes(6))) struct RunLockTests {
        static let files = [
            "slow.yaml": """
                name: slow
                inputs:
                  wait: { type: string, default: 600s }
                steps:
                  - id: nap
                    sleep: { duration: "${{ inputs.wait }}" }

                """
        ]

        @Test func aSecondRunOfALockedWorkflowExitsThreeUntilTheHolderDiesThenTakesOver() async throws {
            let folder = try HavenflowProcess.folder(with: Self.files)
            let holder = try RunningHavenflow(["run", "slow.yaml", "--state-dir", "state"], in: folder)
            var runs: [JSON] = []
            try await waitUntil("the holder's run to be running; runs: \(runs), holder's stderr: \(holder.stderr)") {
                runs = try await StateQuery.runs(stateDir: "state", in: folder)
                return runs.first?["status"] == "running"
            }
            let runID = try #require(try await StateQuery.runs(stateDir: "state", in: folder).first?["id"]?.stringValue)

            let second = try await HavenflowProcess.run(["run", "slow.yaml", "--state-dir", "state", "--input", "wait=0s"], in: folder)
            #expect(second.status == 3)
            #expect(second.stderr.hasPrefix("error: workflow 'slow' is locked by run \(runID) (pid \(holder.pid) on "))
            #expect(normalised(second.stderr) == """
                error: workflow 'slow' is locked by run <run> (pid <pid> on <host>, since <time>); nothing ran. Wait \
                for that run to end, or use --no-lock to run anyway

                """)
            #expect(try await StateQuery.runs(stateDir: "state", in: folder).count == 1, "the refused run is not recorded")

            let unlocked = try await HavenflowProcess.run(
                ["run", "slow.yaml", "--state-dir", "state", "--input", "wait=0s", "--no-lock"], in: folder)
            #expect(unlocked.status == 0)

            // A holder killed with SIGKILL leaves a stale lock: the next run takes it over.
            try await holder.kill()
            let third = try await HavenflowProcess.run(["run", "slow.yaml", "--state-dir", "state", "--input", "wait=0s"], in: folder)
            #expect(third.status == 0, "\(third.stderr)")
            let statuses = try await StateQuery.runs(stateDir: "state", in: folder).map { $0["status"]?.stringValue ?? "" }
            #expect(statuses == ["succeeded", "succeeded", "interrupted"])
        }
    }
}
