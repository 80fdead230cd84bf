import FlowCore
import Foundation
import JSONValue

/// The rows a store keeps (as every backend keeps them: JSON as rendered text, times in seconds since
/// 1970) turned into what the protocol returns: a run in full, a resume's state, element records. One
/// place for every backend, so that they read back the same.
enum StoredRecords {
    /// A step's row.
    struct Step {
        var key: String
        var action: String
        var status: String
        var attempts: Int
        var outputs: String?
        var items: Int?
        var error: String?
        var reason: String?
        var isFinally: Bool
        var durationMs: Int?
    }

    /// Adds the records of one element batch row of `step` (a JSON array, see `ElementEntry`) to
    /// `elements`; a later record of an element replaces an earlier one.
    static func add(records: String, step: String, to elements: inout [String: [Int: ElementSummary]]) {
        for record in json(records).arrayValue ?? [] {
            guard let index = record["index"]?.intValue else { continue }
            let error = record["error"]
            let durationMs = record["duration_ms"]?.intValue ?? 0
            let startedAt = record["started_at"]?.doubleValue
                ?? record["finished_at"]?.doubleValue.map { $0 - Double(durationMs) / 1000 }
            elements[step, default: [:]][index] = ElementSummary(
                index: index, status: record["status"]?.stringValue ?? "", attempts: record["attempts"]?.intValue ?? 0,
                outputs: record["outputs"] ?? .null, error: error?.isNull == false ? error : nil,
                durationMs: durationMs, startedAt: startedAt.map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// A step's recorded outputs. A `for_each` step's (`items` elements) are not stored with the step but
    /// rebuilt from its elements: each succeeded element's outputs, in element order, `null` for the others.
    static func stepOutputs(outputs: String?, items: Int?, elements: [Int: ElementSummary]) -> JSON {
        guard outputs == nil, let items else { return json(outputs) }
        return .array((0..<items).map { index in
            elements[index].map { $0.status == "succeeded" ? $0.outputs : .null } ?? .null
        })
    }

    /// Elements as `show` presents them: one whose latest record says it `started` is `running` while its
    /// run is, else `interrupted` (its process died before it ended).
    static func shown(_ elements: [Int: ElementSummary], runStatus: String) -> [Int: ElementSummary] {
        elements.mapValues { element in
            guard element.status == "started" else { return element }
            var shown = element
            shown.status = runStatus == "running" ? "running" : "interrupted"
            return shown
        }
    }

    /// The run in full, from its summary, its JSON columns, its step rows and its latest element records.
    static func detail(
        summary: RunSummary, inputs: String?, stepKeys: String?, error: String?, steps rows: [Step],
        elements latest: [String: [Int: ElementSummary]]
    ) -> RunDetail {
        let keys = (json(stepKeys).arrayValue ?? []).compactMap(\.stringValue)
        let elements = latest.mapValues { shown($0, runStatus: summary.status.rawValue) }
        var steps = rows.map { step in
            let recorded = elements[step.key] ?? [:]
            let failed = recorded.values.filter { $0.status == "failed" }.sorted { $0.index < $1.index }.prefix(20)
            return StepSummary(
                key: step.key, action: step.action, status: step.status, attempts: step.attempts,
                outputs: stepOutputs(outputs: step.outputs, items: step.items, elements: recorded),
                error: optionalJSON(step.error), reason: step.reason, isFinally: step.isFinally,
                durationMs: step.durationMs,
                elements: recorded.isEmpty ? nil : Dictionary(grouping: recorded.values, by: \.status).mapValues(\.count),
                elementErrors: failed.map { (index: $0.index, error: $0.error ?? .null) })
        }
        let order = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        steps.sort { (order[$0.key] ?? Int.max) < (order[$1.key] ?? Int.max) }
        return RunDetail(
            summary: summary, inputs: json(inputs).objectValue ?? [:], stepKeys: keys, error: optionalJSON(error),
            steps: steps)
    }

    /// What a run already did, for the engine (`StateStore.resumeState`): `succeeded` are its succeeded
    /// steps not of `finally` (key, outputs, items), `cutOff` its plain steps not of `finally` that
    /// started and never ended (key, start), `elements` its latest element records.
    static func resumeState(
        succeeded: [(key: String, outputs: String?, items: Int?)], cutOff: [(key: String, startedAt: Double?)],
        elements: [String: [Int: ElementSummary]], rerun: Set<String>
    ) -> ResumeState {
        var state = ResumeState()
        for step in succeeded where !rerun.contains(step.key) {
            state.succeededSteps[step.key] = stepOutputs(
                outputs: step.outputs, items: step.items, elements: elements[step.key] ?? [:])
        }
        for (step, records) in elements where !rerun.contains(step) && state.succeededSteps[step] == nil {
            for record in records.values {
                if record.status == "succeeded" {
                    state.succeededElements[step, default: [:]][record.index] = record.outputs
                } else if record.cutOff {
                    state.startedElements[step, default: [:]][record.index] = record.startedAt ?? .distantPast
                }
            }
        }
        for step in cutOff where !rerun.contains(step.key) {
            state.startedSteps[step.key] = step.startedAt.map(Date.init(timeIntervalSince1970:)) ?? .distantPast
        }
        return state
    }

    static func json(_ text: String?) -> JSON {
        optionalJSON(text) ?? .null
    }

    static func optionalJSON(_ text: String?) -> JSON? {
        guard let text else { return nil }
        return try? JSON(parsing: text)
    }

    /// How a fire record's outcome is stored: the outcome's name, its run id, its skip reason.
    static func fireColumns(_ outcome: FireRecord.Outcome) -> (outcome: String, runID: String?, reason: String?) {
        switch outcome {
        case .fired(let runID): ("fired", runID, nil)
        case .skipped(let reason): ("skipped", nil, reason.description)
        case .missed: ("missed", nil, nil)
        }
    }

    /// A fire record's outcome from its columns. A skip reads back as the sentence it was recorded as
    /// (`SkipReason.recorded`: only its being a skip, and its time, matter to the scheduler).
    static func fireOutcome(_ outcome: String, runID: String?, reason: String?) -> FireRecord.Outcome {
        switch outcome {
        case "fired": .fired(runID: runID ?? "")
        case "skipped": .skipped(.recorded(reason ?? ""))
        default: .missed
        }
    }
}
