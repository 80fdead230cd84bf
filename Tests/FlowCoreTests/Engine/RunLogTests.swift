import FlowCore
import Foundation
import JSONValue
import Testing

@Suite("Run log")
struct RunLogTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "havenflow-runlog-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A workflow that produces every kind of event.
    static var everyEvent: Workflow {
        workflow(
            [
                step("hello", "log", [("message", value("hi ${{ inputs.who }} ${{ secrets.TOKEN }}"))]),
                step(
                    "each", "flaky",
                    forEach: ForEach(items: .literal(["a", "b", "c"]), filter: expr("item != 'c'"), concurrency: 2),
                    retry: RetryPolicy(attempts: 2, delay: .milliseconds(5), jitter: false)),
                step("boom", "fail", [("message", .literal("it broke"))]),
                step("later", "log", [("message", .literal("skipped"))]),
            ],
            finally: [step("finally#1", "log", [("message", .literal("bye"))], id: false)],
            inputs: [InputDeclaration(name: "who", type: .string)])
    }

    @Test func linesParseAndMatchThePublishedSchema() async throws {
        let directory = try Self.temporaryDirectory()
        let log = try RunLog(stateDirectory: directory, runID: "20261129T003512Z-3f9a1c")
        let engine = Engine(
            registry: ActionRegistry(CoreActions.all + [FlakyAction(failures: 1)]), observers: [log],
            options: EngineOptions(secrets: ["TOKEN": "tok-123"], clock: InstantClock()))
        let outcome = await engine.run(Self.everyEvent, inputs: ["who": "ann"], runID: "20261129T003512Z-3f9a1c")
        log.close()
        #expect(outcome.status == .failed)
        #expect(log.path == "\(directory)/runs/20261129T003512Z-3f9a1c.jsonl")

        let text = try String(contentsOfFile: log.path, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        #expect(!text.contains("tok-123"))
        let lines = try text.split(separator: "\n").map { try JSON(parsing: String($0)) }
        let names = Set(lines.compactMap { $0["event"]?.stringValue })
        #expect(
            names == [
                "run_started", "step_started", "attempt_failed", "output", "item_started", "item_finished",
                "step_finished", "run_finished",
            ])
        #expect(lines.first?["inputs"] == ["who": "ann"])
        #expect(lines.last?["counts"] == ["succeeded": 3, "failed": 1, "skipped": 1])
        // The requests the action reported: per element over its two attempts, summed on the step, and
        // no `calls` where none were reported.
        let each = lines.filter { $0["step"] == "each" }
        let items = each.filter { $0["event"] == "item_finished" }.sorted { ($0["index"]?.intValue ?? 0) < ($1["index"]?.intValue ?? 0) }
        #expect(items.map { $0["calls"] } == [
            ["flaky": ["5000": 1, "ok": 1]], ["flaky": ["5000": 1, "ok": 1]], nil,
        ])
        #expect(each.last?["calls"] == ["flaky": ["5000": 2, "ok": 2]])
        #expect(!lines.contains { $0["step"] != "each" && $0["calls"] != nil })
        #expect(try Self.validate(log.path) == "ok \(lines.count)")
    }

    /// Issue 16: elements and steps cut off by an interruption are logged `interrupted`, not `failed`, and
    /// such a log matches the schema.
    @Test(.timeLimit(.minutes(1))) func anInterruptedStepAndItsCutOffElementsAreLoggedInterrupted() async throws {
        let directory = try Self.temporaryDirectory()
        let log = try RunLog(stateDirectory: directory, runID: "20261129T003512Z-3f9a1d")
        let cancellation = RunCancellation()
        let engine = Engine(
            registry: ActionRegistry(CoreActions.all + [SlowAction()]),
            observers: [log, CancelOnEvent(cancellation, on: "item_started:each[1]")],
            options: EngineOptions(cancellation: cancellation, gracePeriod: .milliseconds(20), clock: InstantClock()))
        let flow = workflow([
            step("each", "slow", [("ms", .literal(60_000))], forEach: ForEach(items: .literal([1, 2, 3, 4]), concurrency: 2)),
            step("a", "slow", [("ms", .literal(1))]),
        ])
        let outcome = await engine.run(flow, inputs: [:], runID: "20261129T003512Z-3f9a1d")
        log.close()
        #expect(outcome.status == .interrupted)

        let lines = try String(contentsOfFile: log.path, encoding: .utf8).split(separator: "\n")
            .map { try JSON(parsing: String($0)) }
        let items = lines.filter { $0["event"] == "item_finished" }.sorted { ($0["index"]?.intValue ?? 0) < ($1["index"]?.intValue ?? 0) }
        #expect(items.map { $0["status"] } == ["interrupted", "interrupted", "skipped", "skipped"])
        #expect(items.first?["error"]?["code"] == "interrupted")
        let steps = lines.filter { $0["event"] == "step_finished" }
        #expect(steps.map { $0["status"] } == ["interrupted", "skipped"])
        #expect(steps.last?["reason"] == "interrupted")
        #expect(lines.last?["status"] == "interrupted")
        #expect(try Self.validate(log.path) == "ok \(lines.count)")
    }

    @Test func anExistingLogIsAppendedTo() async throws {
        let directory = try Self.temporaryDirectory()
        for _ in 0..<2 {
            let log = try RunLog(stateDirectory: directory, runID: "20261129T003512Z-aaaaaa")
            await log.record(
                RunEvent(runID: "20261129T003512Z-aaaaaa", kind: .output(step: "s", index: nil, message: "x")))
            log.close()
        }
        let text = try String(contentsOfFile: "\(directory)/runs/20261129T003512Z-aaaaaa.jsonl", encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
        let attributes = try FileManager.default.attributesOfItem(
            atPath: "\(directory)/runs/20261129T003512Z-aaaaaa.jsonl")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func eventJSONIsExactlyTheLine() {
        let date = Date(timeIntervalSince1970: 1_795_912_512.25)
        let event = RunEvent(
            ts: date, runID: "20261129T003512Z-3f9a1c",
            kind: .attemptFailed(
                step: "retire", index: 3, attempt: 1, error: StepError("no such connector", code: "4006"),
                retryInMs: 1200))
        #expect(
            event.json().rendered()
                == #"{"attempt":1,"error":{"code":"4006","message":"no such connector"},"event":"attempt_failed","index":3,"retry_in_ms":1200,"run_id":"20261129T003512Z-3f9a1c","step":"retire","ts":"2026-11-29T00:35:12.250Z"}"#
        )
    }

    @Test func runIDsSortByTime() {
        var generator = SystemRandomNumberGenerator()
        let early = RunID.make(date: Date(timeIntervalSince1970: 1_795_912_512), using: &generator)
        let late = RunID.make(date: Date(timeIntervalSince1970: 1_795_912_513), using: &generator)
        #expect(early.hasPrefix("20261129T003512Z-"))
        #expect(early.count == 29)
        #expect(early.wholeMatch(of: /\d{8}T\d{6}Z-[0-9a-f]{12}/) != nil)
        #expect(early < late)
    }

    /// Ten thousand runs started in one second (many hosts, one store) get ten thousand ids: with six random
    /// digits this failed nearly every time (about three collisions expected).
    @Test func runIDsOfOneSecondAreDistinct() {
        var generator = SystemRandomNumberGenerator()
        let second = Date(timeIntervalSince1970: 1_795_912_512)
        let ids = (0..<10_000).map { _ in RunID.make(date: second, using: &generator) }
        #expect(Set(ids).count == 10_000)
    }

    /// Checks every line of the log at `path` against docs/run-log.schema.json with python3's jsonschema.
    static func validate(_ path: String) throws -> String {
        let schema = repository.appendingPathComponent("docs/run-log.schema.json").path
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                import subprocess
                subprocess.run([sys.executable, "-m", "pip", "install", "-q", "jsonschema"], check=True)
                import jsonschema
            validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
            lines = open(sys.argv[2]).read().splitlines()
            for number, line in enumerate(lines, 1):
                for error in validator.iter_errors(json.loads(line)):
                    print(f"line {number}: {error.message}")
                    sys.exit(0)
            print(f"ok {len(lines)}")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
