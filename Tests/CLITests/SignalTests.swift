import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Testing

/// SIGTERM and SIGINT at random moments of a run or of the scheduler: the process ends through the same
/// path as a finished run — its lock is free the moment it has exited and its run log ends with the run's
/// final event (a signal handler never calls `exit()`).
@Suite(.timeLimit(.minutes(3))) struct SignalTests {
    static let slow = """
        name: slow
        steps:
          - id: naps
            for_each: [\((1...30).map(String.init).joined(separator: ", "))]
            concurrency: 2
            sleep: { duration: 60ms }
        finally:
          - log: { message: "finally ran" }

        """

    /// Every line of a run log, parsed.
    static func events(_ path: String) throws -> [JSON] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try JSON(parsing: String($0)) }
    }

    /// The last line of a run log, parsed.
    static func lastEvent(_ path: String) throws -> JSON {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try JSON(parsing: try #require(text.split(separator: "\n").last.map(String.init), "\(path) is empty"))
    }

    @Test(arguments: [(SIGTERM, 1), (SIGTERM, 2), (SIGTERM, 3), (SIGINT, 4), (SIGINT, 5), (SIGINT, 6)] as [(Int32, UInt64)])
    func aSignalAtARandomMomentOfARunFreesTheLockAndEndsTheLog(signal: Int32, seed: UInt64) async throws {
        let folder = try HavenflowProcess.folder(with: ["slow.yaml": Self.slow])
        let runID = "r-signal-\(signal)-\(seed)"
        let log = folder.appendingPathComponent("state/runs/\(runID).jsonl").path
        let run = try RunningHavenflow(["run", "slow.yaml", "--state-dir", "state", "--run-id", runID], in: folder)
        try await waitUntil("the run log of \(runID) to start: \(run.stderr)") {
            FileManager.default.fileExists(atPath: log) || !run.process.isRunning
        }
        var random = SplitMix(seed: seed)
        try await Task.sleep(for: .milliseconds(Int.random(in: 0...600, using: &random)))
        kill(run.pid, signal)
        let status = try await run.wait()

        // 4: interrupted. 0: the signal came after the run had ended. The signal's own number: it came after
        // the run had ended *and* its handling was handed back (the process was already exiting) — the run is
        // then recorded `succeeded`, as the checks below require.
        #expect(status == 4 || status == 0 || status == signal, "exit \(status): \(run.stderr)")
        let store = try StateDirectory(option: folder.appendingPathComponent("state").path).openStore()
        #expect(try await store.lockHolder(workflow: "slow") == nil, "the lock is free once the process has exited")
        let last = try Self.lastEvent(log)
        #expect(last["event"] == "run_finished")
        #expect(last["status"] == (status == 4 ? "interrupted" : "succeeded"))
        #expect(try await store.run(runID).summary.status == (status == 4 ? .interrupted : .succeeded))
        if status == 4 {
            #expect(run.stderr.contains("interrupt: no new steps start; in-flight calls finish, then `finally` runs"))
            // Cut off, not failed: the step whose elements did not all run is logged `interrupted`.
            let events = try Self.events(log)
            #expect(!events.contains { $0["status"] == "failed" }, "nothing is logged failed")
            let naps = events.first { $0["event"] == "step_finished" && $0["step"] == "naps" }
            #expect(naps?["status"] == "interrupted" || naps?["status"] == "succeeded", "\(String(describing: naps))")
        }
    }

    @Test func aSecondSignalStopsAtOnceWithoutFinallyAndStillEndsTheLog() async throws {
        let folder = try HavenflowProcess.folder(with: [
            "long.yaml": "name: long\nsteps:\n  - id: nap\n    sleep: { duration: 10m }\nfinally:\n  - log: { message: never }\n"
        ])
        let log = folder.appendingPathComponent("state/runs/r-twice.jsonl").path
        let run = try RunningHavenflow(["run", "long.yaml", "--state-dir", "state", "--run-id", "r-twice"], in: folder)
        try await waitUntil("the nap to start") {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("\"step_started\"")
        }
        kill(run.pid, SIGTERM)
        try await waitUntil("the first interrupt to be noticed") { run.stderr.contains("interrupt: no new steps start") }
        kill(run.pid, SIGTERM)
        #expect(try await run.wait() == 4, "\(run.stderr)")
        #expect(run.stderr.contains("interrupted again: stopping now; resume the run later"))
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(!text.contains("never"), "finally was skipped")
        #expect(try Self.lastEvent(log)["event"] == "run_finished")
        let nap = try Self.events(log).first { $0["event"] == "step_finished" && $0["step"] == "nap" }
        #expect(nap?["status"] == "interrupted", "the nap cut off is logged interrupted: \(String(describing: nap))")
        #expect(nap?["error"]?["code"] == "interrupted")
        let store = try StateDirectory(option: folder.appendingPathComponent("state").path).openStore()
        #expect(try await store.lockHolder(workflow: "long") == nil)
        #expect(try await store.run("r-twice").steps.map(\.status) == ["interrupted"], "show says interrupted too")
    }

    @Test(arguments: [(SIGTERM, 7), (SIGINT, 8)] as [(Int32, UInt64)])
    func aSignalAtARandomMomentOfTheSchedulerLetsItsRunFinishAndFreesEverything(signal: Int32, seed: UInt64) async throws {
        let (folder, store) = try await DueWorkflow.folder(napping: "500ms")
        let state = folder.appendingPathComponent("state").path
        let scheduler = try RunningHavenflow(["schedule", "--state-dir", "state"], in: folder)
        try await waitUntil("the caught-up run to start") { scheduler.stderr.contains(": started run ") }
        var random = SplitMix(seed: seed)
        try await Task.sleep(for: .milliseconds(Int.random(in: 0...400, using: &random)))
        kill(scheduler.pid, signal)
        #expect(try await scheduler.wait() == 0, "\(scheduler.stderr)")
        #expect(scheduler.stderr.hasSuffix("scheduler: stopped\n"), "\(scheduler.stderr)")

        let runs = try await store.runs(workflow: "nap", limit: nil)
        try #require(runs.count == 1, "\(runs)")
        #expect(runs[0].status == .succeeded, "the scheduler's signal does not reach its runs' process group")
        #expect(try Self.lastEvent(StateDirectory(option: state).runLogPath(runs[0].id))["event"] == "run_finished")
        #expect(try await store.lockHolder(workflow: "nap") == nil)
        let next = try await HavenflowProcess.run(["schedule", "--once", "--state-dir", "state"], in: folder)
        #expect(next.status == 0, "the scheduler's lease is free: \(next.stderr)")
    }
}

extension SplitMix: RandomNumberGenerator {}
