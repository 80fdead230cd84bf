import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Testing

/// `havenflow schedule`: the listing, refusing invalid files, `--once` with catch-up, the per-state-directory
/// lock and a clean stop on SIGTERM. Nothing waits for real minutes: what is due is made due by a record
/// in the past.
@Suite(.timeLimit(.minutes(2))) struct ScheduleCommandTests {
    static func workflow(_ name: String, cron: String, extra: String = "") -> String {
        """
        name: \(name)
        on:
          schedule:
            - cron: "\(cron)"
              timezone: America/New_York
              inputs: { greeting: scheduled }
        \(extra)
        inputs:
          greeting: { type: string, default: manual }
        steps:
          - id: hello
            log: { message: "${{ inputs.greeting }}" }

        """
    }

    @Test func listPrintsEachTriggerWithThreeNextTimesFifteenMinutesApart() async throws {
        let folder = try HavenflowProcess.folder(with: [
            "workflows/tick.yaml": Self.workflow("tick", cron: "*/15 * * * *"),
            "workflows/manual.yaml": "name: manual\nsteps:\n  - id: hello\n    log: { message: hi }\n",
        ])
        let output = try await HavenflowProcess.run(["schedule", "--list", "--state-dir", "state"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 1, "only the workflow with on.schedule: \(output.stdout)")
        let line = lines[0]
        #expect(line.hasPrefix("tick  #0  */15 * * * * America/New_York  last never  next "))
        let next = try #require(line.components(separatedBy: "next ").last).components(separatedBy: ", ")
        #expect(next.count == 3)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "America/New_York")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let times = try next.map { try #require(formatter.date(from: $0), "\($0)") }
        #expect(zip(times, times.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 900 })
        #expect(times[0] > Date().addingTimeInterval(-60))
    }

    @Test func anInvalidFileStopsTheSchedulerFromStartingWithExitTwo() async throws {
        let folder = try HavenflowProcess.folder(with: [
            "workflows/good.yaml": Self.workflow("good", cron: "@daily"),
            "workflows/bad.yaml": Self.workflow("bad", cron: "61 * * * *"),
        ])
        let output = try await HavenflowProcess.run(["schedule", "--once", "--state-dir", "state"], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("workflows/bad.yaml:4:14: error: invalid cron expression: minute value 61 is out of range 0–59"), "\(output.stderr)")
        #expect(output.stderr.hasSuffix("error: the scheduler did not start: fix the workflow files above\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("state/schedule").path))
    }

    @Test func onceCatchesUpTheLastMissedTimeRunsItAndRecordsTheFire() async throws {
        let folder = try HavenflowProcess.folder(with: [
            "workflows/minutely.yaml": Self.workflow(
                "minutely", cron: "* * * * *", extra: "  catchup: last\n  catchup_window: 1h")
        ])
        // The scheduler last fired ten minutes ago: nine times were missed; `catchup: last` fires one.
        let store = try SQLiteStateStore(directory: folder.appendingPathComponent("state").path)
        let minute = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60
        let past = Date(timeIntervalSince1970: minute - 600)
        try await store.record(
            FireRecord(trigger: TriggerID(workflow: "minutely", index: 0), scheduledAt: past, recordedAt: past, outcome: .missed))

        let output = try await HavenflowProcess.run(["schedule", "--once", "--state-dir", "state"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let runs = try await StateQuery.runs(stateDir: "state", in: folder)
        try #require(runs.count == 1, "\(runs)")
        #expect(runs[0]["workflow"] == "minutely")
        #expect(runs[0]["status"] == "succeeded")
        let runID = try #require(runs[0]["id"]?.stringValue)
        let last = try #require(try await store.lastRecord(of: TriggerID(workflow: "minutely", index: 0)))
        #expect(last.outcome == .fired(runID: runID))
        #expect(last.scheduledAt > past)
        let log = try String(contentsOf: folder.appendingPathComponent("state/schedule/\(runID).log"), encoding: .utf8)
        #expect(log.contains("scheduled"), "the trigger's inputs reach the run: \(log)")

        let listing = try await HavenflowProcess.run(["schedule", "--list", "--state-dir", "state"], in: folder)
        #expect(listing.stdout.contains("fired run \(runID)  next "), "\(listing.stdout)")
        #expect(normalised(listing.stdout) == """
            minutely  #0  * * * * * America/New_York  last <local> fired run <run>  next <local>, <local>, <local>

            """)
    }

    @Test func aSecondSchedulerOnTheStateDirectoryExitsThreeAndSigtermStopsTheFirstCleanly() async throws {
        let folder = try HavenflowProcess.folder(with: ["workflows/yearly.yaml": Self.workflow("yearly", cron: "@yearly")])
        let first = try RunningHavenflow(["schedule", "--state-dir", "state"], in: folder)
        try await waitUntil { first.stderr.contains("scheduler: 1 scheduled workflow in 1 file") }

        let second = try await HavenflowProcess.run(["schedule", "--state-dir", "state"], in: folder)
        #expect(second.status == 3)
        #expect(second.stderr.hasPrefix("error: another scheduler is running on the state directory state (pid \(first.pid) on "), "\(second.stderr)")
        #expect(normalised(second.stderr) == """
            error: another scheduler is running on the state directory state (pid <pid> on <host>, since <time>); \
            nothing was fired

            """)

        kill(first.pid, SIGTERM)
        #expect(try await first.wait() == 0, "\(first.stderr)")
        #expect(first.stderr.hasSuffix("scheduler: stopped\n"), "\(first.stderr)")
    }

    @Test func sigtermWaitsForTheActiveRunToFinishThenExitsZero() async throws {
        let (folder, store) = try await DueWorkflow.folder(napping: "2s")
        let scheduler = try RunningHavenflow(["schedule", "--state-dir", "state"], in: folder)
        try await waitUntil { (try? await store.runs().first?.status.rawValue) == "running" }

        kill(scheduler.pid, SIGTERM)
        #expect(try await scheduler.wait() == 0, "\(scheduler.stderr)")
        let runs = try await StateQuery.runs(stateDir: "state", in: folder)
        // The catch-up run, and the regular fire when a minute began meanwhile: each finished, none interrupted.
        #expect(!runs.isEmpty)
        #expect(runs.allSatisfy { $0["status"] == "succeeded" }, "the runs finished instead of being interrupted: \(runs)")
    }

    @Test func onceExitsOneWhenARunItFiredFailed() async throws {
        // Never fired: the minute that began at most 60 s ago counts as on time, so `--once` fires it.
        let folder = try HavenflowProcess.folder(with: [
            "workflows/broken.yaml": """
                name: broken
                on:
                  schedule:
                    - cron: "* * * * *"
                steps:
                  - fail: { message: "nothing works" }

                """
        ])
        let output = try await HavenflowProcess.run(["schedule", "--once", "--state-dir", "state"], in: folder)
        #expect(output.status == 1, "\(output.stderr)")
        let runs = try await StateQuery.runs(stateDir: "state", in: folder)
        #expect(runs.map { $0["status"] } == ["failed"])
    }
}
