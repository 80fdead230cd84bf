import Foundation
import Testing

@testable import FlowServe

/// The timeline read from a run log (docs/run-log.md's example: retries, a failed element) and drawn as SVG.
@Suite("Serve timeline")
struct TimelineTests {
    static let runID = "20261129T003512Z-3f9a1c"
    static let log = """
        {"event":"run_started","file":"workflows/migrate.yaml","inputs":{"prefix":"v2-"},"run_id":"\(runID)","ts":"2026-11-29T00:35:12.120Z","workflow":"migrate"}
        {"action":"delete-connector","event":"step_started","items":3,"run_id":"\(runID)","step":"retire","ts":"2026-11-29T00:35:12.121Z"}
        {"event":"item_started","index":1,"run_id":"\(runID)","step":"retire","ts":"2026-11-29T00:35:12.122Z"}
        {"attempt":1,"error":{"code":"5000","message":"the backend is busy"},"event":"attempt_failed","index":1,"retry_in_ms":840,"run_id":"\(runID)","step":"retire","ts":"2026-11-29T00:35:12.300Z"}
        {"event":"output","index":1,"message":"<b>deleting</b> blog_old","run_id":"\(runID)","step":"retire","ts":"2026-11-29T00:35:12.200Z"}
        {"attempts":1,"duration_ms":180,"error":null,"event":"item_finished","index":0,"outputs":{"connector":"wiki_old","deleted":true},"run_id":"\(runID)","status":"succeeded","step":"retire","ts":"2026-11-29T00:35:12.301Z"}
        {"attempts":1,"duration_ms":95,"error":{"code":"4006","message":"connector <docs_old> does not exist"},"event":"item_finished","index":2,"outputs":null,"run_id":"\(runID)","status":"failed","step":"retire","ts":"2026-11-29T00:35:12.402Z"}
        {"attempts":2,"duration_ms":1210,"error":null,"event":"item_finished","index":1,"outputs":{"connector":"blog_old","deleted":true},"run_id":"\(runID)","status":"succeeded","step":"retire","ts":"2026-11-29T00:35:13.331Z"}
        {"action":"delete-connector","attempts":4,"duration_ms":1211,"error":{"code":"4006","message":"step 'retire': 1 element of 3 failed"},"event":"step_finished","items":{"failed":1,"skipped":0,"succeeded":2},"outputs":null,"run_id":"\(runID)","status":"failed","step":"retire","ts":"2026-11-29T00:35:13.332Z"}
        {"action":"notify","attempts":1,"duration_ms":40,"error":null,"event":"step_finished","finally":true,"outputs":{"delivered":["webhook"]},"run_id":"\(runID)","status":"succeeded","step":"finally#1","ts":"2026-11-29T00:35:13.380Z"}
        {"counts":{"failed":1,"skipped":0,"succeeded":1},"duration_ms":1262,"event":"run_finished","run_id":"\(runID)","status":"failed","ts":"2026-11-29T00:35:13.381Z"}
        {"event":"step_started","run_id":"\(runID)","step":"cut
        """

    /// The log's timeline with the elements as the store records them.
    static func timeline() -> RunTimeline {
        var timeline = RunTimeline(lines: LogLine.lines(of: Array(log.utf8)))
        timeline.setElements(
            "retire",
            [
                .init(index: 0, status: "succeeded", attempts: 1, start: LogTime.parse("2026-11-29T00:35:12.121Z"), durationMs: 180),
                .init(index: 1, status: "succeeded", attempts: 2, start: LogTime.parse("2026-11-29T00:35:12.122Z"), durationMs: 1210),
                .init(index: 2, status: "failed", attempts: 1, error: "connector <docs_old> does not exist",
                      start: LogTime.parse("2026-11-29T00:35:12.307Z"), durationMs: 95),
            ], status: "failed")
        return timeline
    }

    @Test func theLogGivesEachStepItsTimesAndTheStoreEachElementWithItsRetries() throws {
        let timeline = Self.timeline()
        #expect(timeline.steps.map(\.key) == ["retire", "finally#1"])
        let retire = timeline.steps[0]
        #expect(retire.bar.status == "failed")
        #expect(retire.bar.attempts == 4)
        #expect(retire.items == 3)
        #expect(retire.elements.keys.sorted() == [0, 1, 2])
        let retried = try #require(retire.elements[1])
        #expect(retried.status == "succeeded")
        #expect(retried.attempts == 2)
        #expect(retried.failedAttempts.map(\.message) == ["the backend is busy"])
        #expect(retried.failedAttempts.first?.retryInMs == 840)
        #expect(near(retried.end, "2026-11-29T00:35:13.332Z"))
        #expect(retire.elements[2]?.error == "connector <docs_old> does not exist")
        // The `finally` step that only has its step_finished starts at its end less its duration.
        #expect(near(timeline.steps[1].bar.start, "2026-11-29T00:35:13.340Z"))
        #expect(timeline.end == LogTime.parse("2026-11-29T00:35:13.381Z"))
        // The line the step printed, read from the log; the element lines were not parsed.
        #expect(retire.messages == ["[1] <b>deleting</b> blog_old"])
        #expect(retire.messageCount == 1)
    }

    @Test func theChartHasABarPerStepAndElementWithRetrySegmentsAndEscapedTitles() throws {
        let timeline = Self.timeline()
        let svg = TimelineSVG(timeline: timeline, end: timeline.end!).render()
        #expect(svg.contains("<g class=\"bar step\" data-step=\"retire\" data-status=\"failed\"><title>retire (delete-connector) failed after 4 attempts in "))
        #expect(svg.contains("<g class=\"bar element\" data-step=\"retire\" data-index=\"1\" data-status=\"succeeded\"><title>retire[1] succeeded after 2 attempts in "))
        #expect(svg.contains("attempt 1: the backend is busy"))
        #expect(svg.contains("<title>retire[2] failed in "))
        #expect(svg.contains("\nconnector &lt;docs_old&gt; does not exist</title>"))
        // Element 1: a retry segment, then the last attempt after the 840 ms pause.
        let element = try #require(svg.components(separatedBy: "data-index=\"1\"").dropFirst().first?.components(separatedBy: "</g>").first)
        #expect(element.components(separatedBy: "<rect class=\"retry\"").count - 1 == 1)
        #expect(element.components(separatedBy: "<rect ").count - 1 == 2)
        // Three elements: one group, open.
        #expect(svg.contains("<details class=\"group\" open><summary>retire[0]–retire[2] · 1 failed</summary>"))
        #expect(!svg.contains("<docs_old>"))
        // The time axis above the steps: the run's first event is +0ms.
        #expect(svg.contains("<g class=\"axis\"><text x=\"200\" y=\"10\" text-anchor=\"start\">+0ms</text>"))
    }

    @Test func withoutTheLogAForEachStepSpansItsElementsWithTheStoresStatus() throws {
        var timeline = RunTimeline(lines: [])
        timeline.setElements(
            "rebuild",
            [
                .init(index: 0, status: "succeeded", attempts: 1, start: LogTime.parse("2026-11-29T00:00:01.000Z"), durationMs: 500),
                .init(index: 1, status: "interrupted", attempts: 1, start: LogTime.parse("2026-11-29T00:00:02.000Z"), durationMs: 250),
            ], status: "failed")
        let step = try #require(timeline.steps.first)
        #expect(step.bar.status == "failed")
        #expect(step.bar.start == LogTime.parse("2026-11-29T00:00:01.000Z"))
        #expect(step.bar.end == LogTime.parse("2026-11-29T00:00:02.250Z"))
        #expect(step.items == 2)
        let svg = TimelineSVG(timeline: timeline, end: timeline.end!).render()
        #expect(svg.contains("data-index=\"1\" data-status=\"interrupted\"><title>rebuild[1] interrupted in 250ms"))
    }

    @Test func elementLinesAreRecognisedWithoutParsing() {
        #expect(LogLine.lines(of: Array("a\n\nbc\nunfinished".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["a", "bc"])
        #expect(LogLine.kind(of: ArraySlice(#"{"event":"item_started","index":1,"step":"a"}"#.utf8)) == .element)
        #expect(LogLine.kind(of: ArraySlice(#"{"attempts":1,"error":null,"event":"item_finished","index":0}"#.utf8)) == .element)
        #expect(
            LogLine.kind(of: ArraySlice(#"{"event":"output","message":"\"step\":\"x\"","run_id":"r","step":"rebuild","ts":"t"}"#.utf8))
                == .output(step: "rebuild"))
        #expect(LogLine.kind(of: ArraySlice(#"{"event":"step_started","step":"a"}"#.utf8)) == .other)
        #expect(LogLine.kind(of: ArraySlice(#"{"event":"out"#.utf8)) == .other)
    }

    private func near(_ date: Date?, _ text: String) -> Bool {
        guard let date, let expected = LogTime.parse(text) else { return false }
        return abs(date.timeIntervalSince(expected)) < 0.0005
    }

    @Test func logTimesParseToTheMillisecond() {
        #expect(LogTime.parse("1970-01-01T00:00:01.250Z") == Date(timeIntervalSince1970: 1.25))
        #expect(LogTime.parse("2026-11-29T00:35:12Z") == Date(timeIntervalSince1970: 1_795_912_512))
        #expect(LogTime.parse("yesterday") == nil)
    }
}
