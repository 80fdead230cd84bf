import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Timing

/// `/runs/RUN_ID`: the header (status, times, host and pid, masked inputs, file and hash, resumes), the
/// timeline from the run log (or the store's events of a run recorded elsewhere), the steps with their outputs on demand, and every failed element's error.
enum RunPage {
    static func render(_ run: RunDetail, reader: RunReader, now: Date = Date()) async throws(RuntimeError) -> String {
        let summary = run.summary
        // From the run log here, or the store's events of a run recorded by another host.
        var timeline = await reader.storedLogLines(runID: summary.id).map(RunTimeline.init(lines:))
            ?? RunTimeline(logPath: reader.state.runLogPath(summary.id))
        // The elements from the store: one read per `for_each` step.
        for step in run.steps where step.elements != nil {
            let records = try await reader.elements(runID: summary.id, step: step.key)
            timeline.setElements(step.key, records.map(Self.record), status: step.status)
        }
        let running = summary.status == .running
        var header = RunRow.values(summary)
        header["finished"] = summary.finishedAt.map(Timestamp.rfc3339) ?? "-"
        header["pid"] = "\(summary.pid)"
        header["file"] = summary.file
        header["fileHash"] = summary.fileHash
        header["resumes"] = "\(summary.resumes)"
        header["inputs"] = JSON.object(run.inputs).rendered(pretty: true)
        if let error = run.error { header["error"] = RunTimeline.message(error) ?? error.rendered() }
        if running { header["live"] = true }
        let end = running ? max(now, timeline.end ?? now) : (timeline.end ?? summary.finishedAt ?? now)
        let printed = Dictionary(timeline.steps.map { ($0.key, $0) }) { $1 }
        let steps: [[String: Any]] = run.steps.map { step in
            var values: [String: Any] = [
                "key": step.key, "action": step.action, "status": step.status, "attempts": "\(step.attempts)",
                "duration": step.durationMs.map(DurationText.rounded(milliseconds:)) ?? "-",
                "elements": step.elements.map(elementCounts) ?? "",
            ]
            if step.elements != nil {
                values["elementOutputs"] = "/api/runs/\(Pages.encoded(summary.id))"
            } else if !step.outputs.isNull {
                values["outputs"] = step.outputs.rendered(pretty: true)
            }
            if let error = step.error { values["error"] = RunTimeline.message(error) }
            if let logged = printed[step.key], logged.messageCount > 0 {
                values["messages"] = logged.messages.joined(separator: "\n")
                values["messageCount"] = logged.messageCount > logged.messages.count
                    ? "the latest \(logged.messages.count) of \(logged.messageCount) lines (the raw log has them all)"
                    : "\(logged.messageCount) line\(logged.messageCount == 1 ? "" : "s")"
            }
            return values
        }
        let failures: [[String: Any]] = timeline.steps.flatMap { step in
            step.elements.filter { $0.value.status == "failed" }.sorted { $0.key < $1.key }.map { index, bar in
                ["label": "\(step.key)[\(index)]", "message": bar.error ?? "failed"] as [String: Any]
            }
        }
        return Pages.render(
            "run",
            [
                "title": "Run \(summary.id)", "pageKind": "run", "run": header, "steps": steps,
                "timeline": TimelineSVG(timeline: timeline, end: end).render(),
                "failures": failures, "hasFailures": !failures.isEmpty,
            ])
    }

    private static func record(_ element: ElementSummary) -> RunTimeline.ElementRecord {
        RunTimeline.ElementRecord(
            index: element.index, status: element.status, attempts: element.attempts,
            error: RunTimeline.message(element.error), start: element.startedAt, durationMs: element.durationMs)
    }

    private static func elementCounts(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }
}
