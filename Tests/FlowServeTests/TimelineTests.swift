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
        {"attempts":1,"duration_ms":180,"error":null,"event":"item_finished","index":0,"outputs":{"connector":"wiki_old","deleted":true},"run_id":"\(runID)","status":"succeeded","step":"retire","ts":"2026-11-29T00:35:12.301Z"}
        {"attempts":1,"duration_ms":95,"error":{"code":"4006","message":"connector <docs_old> does not exist"},"event":"item_finished","index":2,"outputs":null,"run_id":"\(runID)","status":"failed","step":"retire","ts":"2026-11-29T00:35:12.402Z"}
        {"attempts":2,"duration_ms":1210,"error":null,"event":"item_finished","index":1,"outputs":{"connector":"blog_old","deleted":true},"run_id":"\(runID)","status":"succeeded","step":"retire","ts":"2026-11-29T00:35:13.331Z"}
        {"action":"delete-connector","attempts":4,"duration_ms":1211,"error":{"code":"4006","message":"step 'retire': 1 element of 3 failed"},"event":"step_finished","items":{"failed":1,"skipped":0,"succeeded":2},"outputs":null,"run_id":"\(runID)","status":"failed","step":"retire","ts":"2026-11-29T00:35:13.332Z"}
        {"action":"notify","attempts":1,"duration_ms":40,"error":null,"event":"step_finished","finally":true,"outputs":{"delivered":["webhook"]},"run_id":"\(runID)","status":"succeeded","step":"finally#1","ts":"2026-11-29T00:35:13.380Z"}
        {"counts":{"failed":1,"skipped":0,"succeeded":1},"duration_ms":1262,"event":"run_finished","run_id":"\(runID)","status":"failed","ts":"2026-11-29T00:35:13.381Z"}
        {"event":"step_started","run_id":"\(runID)","step":"cut
        """

    @Test func theLogGivesEachStepAndElementItsTimesStatusAndRetries() throws {
        let timeline = RunTimeline(lines: Self.log.split(separator: "\n").map { Array($0.utf8) })
        #expect(timeline.steps.map(\.key) == ["retire", "finally#1"])
        let retire = timeline.steps[0]
        #expect(retire.bar.status == "failed")
        #expect(retire.items == 3)
        #expect(retire.elements.keys.sorted() == [0, 1, 2])
        let retried = try #require(retire.elements[1])
        #expect(retried.status == "succeeded")
        #expect(retried.attempts == 2)
        #expect(retried.failedAttempts.map(\.message) == ["the backend is busy"])
        #expect(retried.failedAttempts.first?.retryInMs == 840)
        #expect(retried.start == LogTime.parse("2026-11-29T00:35:12.122Z"))
        // No item_started for element 0: its start is its end less its duration.
        #expect(near(retire.elements[0]?.start, "2026-11-29T00:35:12.121Z"))
        #expect(retire.elements[2]?.error == "connector <docs_old> does not exist")
        // The `finally` step that only has its step_finished starts at its end less its duration.
        #expect(near(timeline.steps[1].bar.start, "2026-11-29T00:35:13.340Z"))
        #expect(timeline.end == LogTime.parse("2026-11-29T00:35:13.381Z"))
    }

    @Test func theChartHasABarPerStepAndElementWithRetrySegmentsAndEscapedTitles() throws {
        let timeline = RunTimeline(lines: Self.log.split(separator: "\n").map { Array($0.utf8) })
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
