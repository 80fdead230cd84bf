import FlowCore
import Foundation
import JSONValue
import Synchronization
import Testing

/// Collects what the console writes.
final class Screen: Sendable {
    private let text = Mutex("")
    var contents: String { text.withLock { $0 } }
    func write(_ chunk: String) { text.withLock { $0 += chunk } }
}

@Suite("Console reporter")
struct ConsoleReporterTests {
    func render(_ flow: Workflow, style: ConsoleReporter.Style, actions: [any Action] = []) async -> String {
        let screen = Screen()
        let console = ConsoleReporter(style: style, runLogPath: ".havenflow/runs/R.jsonl") { screen.write($0) }
        let engine = Engine(
            registry: ActionRegistry(CoreActions.all + actions), observers: [console],
            options: EngineOptions(clock: InstantClock()))
        _ = await engine.run(flow, inputs: [:], runID: "20261129T003512Z-3f9a1c")
        return screen.contents
    }

    static var sample: Workflow {
        workflow([
            step("hello", "log", [("message", .literal("hi"))]),
            step(
                "each", "assert", [("that", value("${{ item }}")), ("message", .literal("nope"))],
                forEach: ForEach(items: .literal([true, false])), continueOnError: true),
            step("boom", "fail", [("message", .literal("it broke"))]),
            step("later", "log", [("message", .literal("x"))]),
        ])
    }

    @Test func plainOutputIsOneLinePerEventWithoutControlCharacters() async {
        let text = await render(Self.sample, style: .plain)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expected = [
            "run 20261129T003512Z-3f9a1c: test (test.yaml)",
            "▶ hello (log)",
            "  hello: hi",
            "✓ hello (log) DURATION",
            "▶ each (assert): 2 elements",
            "  ✓ each[0] succeeded",
            "  ! each[1] attempt 1 failed: nope",
            "  ✗ each[1] failed: nope",
            "✗ each (assert) failed: step 'each': 1 element of 2 failed; first, element 1: nope",
            "▶ boom (fail)",
            "  ! boom attempt 1 failed: it broke",
            "✗ boom (fail) failed: it broke",
            "– later (log) skipped (an earlier step failed)",
            "",
            "STEP   ACTION  STATUS     ATTEMPTS  DURATION",
            "hello  log     succeeded  1         DURATION",
            "each   assert  failed     2         DURATION",
            "boom   fail    failed     1         DURATION",
            "later  log     skipped    0         DURATION",
            "run log: .havenflow/runs/R.jsonl",
            "run failed in DURATION",
            "",
        ]
        let normalized = lines.map { line in
            line.replacing(/\d+(\.\d+)?(ms|s)\b/, with: "DURATION")
        }
        #expect(normalized == expected)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func liveOutputRedrawsAProgressLineAndColours() async {
        let items: [JSON] = (0..<50).map { .number(Double($0)) }
        let flow = workflow([
            step(
                "retire", "slow", [("ms", .literal(0))],
                forEach: ForEach(items: .literal(.array(items)), concurrency: 4))
        ])
        let text = await render(flow, style: ConsoleReporter.Style(live: true, color: true), actions: [SlowAction()])
        #expect(text.contains("\r\u{1B}[2K  slow retire  50/50  ✓50 ✗0"))
        #expect(!text.contains("retire[3]"))
        #expect(text.contains("\u{1B}[32m✓\u{1B}[0m retire (slow)"))
    }

    @Test func noColorTurnsColourOff() {
        let style = ConsoleReporter.Style.detect(environment: ["NO_COLOR": "1"])
        #expect(style.color == false)
    }
}

@Suite("Console reporter: errors")
struct ConsoleErrorTests {
    @Test(arguments: [
        (
            StepError(
                "connector wiki does not exist", code: "4006",
                detail: FailureDetail(
                    key: "haven", value: ["error": 4006, "reason": "Connector does not exist"],
                    notes: ["Haven error 4006", "Connector does not exist"])),
            "connector wiki does not exist (Haven error 4006: Connector does not exist)"
        ),
        (
            StepError(
                "Haven error 4006: Connector does not exist", code: "4006",
                detail: FailureDetail(
                    key: "haven", value: ["error": 4006, "reason": "Connector does not exist"],
                    notes: ["Haven error 4006", "Connector does not exist"])),
            "Haven error 4006: Connector does not exist"
        ),
        (StepError("plain failure", code: "fail"), "plain failure"),
    ])
    func failedStepsShowTheHavenCodeAndReason(error: StepError, expected: String) async {
        let screen = Screen()
        let console = ConsoleReporter(style: .plain) { screen.write($0) }
        await console.record(
            RunEvent(
                runID: "r",
                kind: .stepFinished(.init(step: "retire", action: "delete-connector", status: .failed, error: error))))
        #expect(screen.contents == "✗ retire (delete-connector) failed: \(expected)\n")
    }
}
