import ArgumentParser
import FlowCore
import FlowRuntime
import Foundation
import JSONValue

/// `havenflow show RUN_ID`: one run, its steps (with element counts for `for_each`) and errors.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one run: each step with status, attempts, duration and errors.")

    @OptionGroup var reference: RunReference

    @Flag(help: "Print the run as one JSON object.")
    var json = false

    func run() async throws {
        try await reportingFailures {
            let (store, run) = try await reference.load()
            let runID = run.summary.id
            let state = reference.state
            if json {
                var object = run.summary.json.objectValue ?? [:]
                object["inputs"] = .object(run.inputs)
                object["error"] = run.error ?? .null
                var steps: [JSON] = []
                for step in run.steps {
                    var json = step.json.objectValue ?? [:]
                    if step.elements != nil {
                        let elements = try await reporting { () async throws(StateStoreError) in
                            try await store.elements(runID: runID, step: step.key)
                        }
                        json["element_records"] = .array(elements.map(\.json))
                    }
                    steps.append(.object(json))
                }
                object["steps"] = .array(steps)
                object["log"] = .string(state.runLogPath(runID))
                print(JSON.object(object).rendered())
            } else {
                print(Self.text(run, log: state.runLogPath(runID)))
            }
            return .succeeded
        }
    }

    static func text(_ run: RunDetail, log: String) -> String {
        let summary = run.summary
        var lines = [
            "run       \(summary.id)",
            "workflow  \(summary.workflow) (\(summary.file))",
            "status    \(summary.status.rawValue)" + (summary.resumes > 0 ? " (resumed \(summary.resumes)×)" : ""),
            "started   \(Timestamp.rfc3339(summary.startedAt)) by pid \(summary.pid) on \(summary.host)",
            "duration  \(summary.durationMs.map(DurationText.milliseconds) ?? "-")",
            "inputs    \(JSON.object(run.inputs).rendered())",
            "log       \(log)",
            "",
        ]
        let rows = run.steps.map { step in
            [step.key, step.action, step.status, "\(step.attempts)", step.durationMs.map(DurationText.milliseconds) ?? "-",
             step.elements.map(elementCounts) ?? ""]
        }
        lines.append(
            rows.isEmpty
                ? "no step started"
                : TextTable(header: ["STEP", "ACTION", "STATUS", "ATTEMPTS", "DURATION", "ELEMENTS"], rows: rows).rendered)
        var errors: [String] = []
        if let error = run.error { errors.append("run: \(message(error))") }
        for step in run.steps {
            if let error = step.error { errors.append("\(step.key): \(message(error))") }
            for element in step.elementErrors { errors.append("\(step.key)[\(element.index)]: \(message(element.error))") }
        }
        if !errors.isEmpty { lines += ["", "errors:"] + errors.map { "  " + $0 } }
        return lines.joined(separator: "\n")
    }

    private static func elementCounts(_ counts: [String: Int]) -> String {
        ["succeeded", "failed", "skipped"].compactMap { status in counts[status].map { "\($0) \(status)" } }
            .joined(separator: ", ")
    }

    private static func message(_ error: JSON) -> String {
        error["message"]?.stringValue ?? error.rendered()
    }
}
