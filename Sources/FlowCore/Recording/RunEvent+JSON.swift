import Foundation
import JSONValue

extension RunEvent {
    /// Exactly the object of the event's run-log line (`docs/run-log.schema.json`).
    public func json() -> JSON {
        var line: [String: JSON] = [
            "ts": .string(Timestamp.rfc3339(ts)), "run_id": .string(runID), "event": .string(name),
        ]
        switch kind {
        case .runStarted(let workflow, let file, let inputs):
            line["workflow"] = .string(workflow)
            line["file"] = .string(file)
            line["inputs"] = .object(inputs)
        case .stepStarted(let step, let action, let name, let items):
            line["step"] = .string(step)
            line["action"] = .string(action)
            if let name { line["name"] = .string(name) }
            if let items { line["items"] = .number(Double(items)) }
        case .attemptFailed(let step, let index, let attempt, let error, let retryInMs):
            line["step"] = .string(step)
            if let index { line["index"] = .number(Double(index)) }
            line["attempt"] = .number(Double(attempt))
            line["error"] = error.json()
            line["retry_in_ms"] = retryInMs.map { .number(Double($0)) } ?? .null
        case .output(let step, let index, let message):
            line["step"] = .string(step)
            if let index { line["index"] = .number(Double(index)) }
            line["message"] = .string(message)
        case .changePlanned(let step, let index, let change):
            line["step"] = .string(step)
            if let index { line["index"] = .number(Double(index)) }
            line["change"] = .string(change.kind.rawValue)
            line["type"] = .string(change.type)
            line["resource"] = change.resource.map(JSON.string) ?? .null
        case .itemStarted(let step, let index):
            line["step"] = .string(step)
            line["index"] = .number(Double(index))
        case .itemFinished(let item):
            line["step"] = .string(item.step)
            line["index"] = .number(Double(item.index))
            line["status"] = .string(StepStatus.logged(item.status, error: item.error))
            line["outputs"] = item.outputs
            line["error"] = item.error?.json() ?? .null
            line["attempts"] = .number(Double(item.attempts))
            line["duration_ms"] = .number(Double(item.durationMs))
            if let reason = item.reason { line["reason"] = .string(reason.rawValue) }
            if item.resumed { line["resumed"] = true }
            if !item.calls.isEmpty { line["calls"] = item.calls.json() }
        case .stepFinished(let step):
            line["step"] = .string(step.step)
            line["action"] = .string(step.action)
            line["status"] = .string(StepStatus.logged(step.status, error: step.error))
            line["outputs"] = step.outputs
            line["error"] = step.error?.json() ?? .null
            line["attempts"] = .number(Double(step.attempts))
            line["duration_ms"] = .number(Double(step.durationMs))
            if let reason = step.reason { line["reason"] = .string(reason.rawValue) }
            if let items = step.items { line["items"] = Self.counts(items) }
            if step.resumed { line["resumed"] = true }
            if step.isFinally { line["finally"] = true }
            if !step.calls.isEmpty { line["calls"] = step.calls.json() }
        case .runFinished(let status, let counts, let durationMs, let error):
            line["status"] = .string(status.rawValue)
            line["counts"] = Self.counts(counts)
            line["duration_ms"] = .number(Double(durationMs))
            if let error { line["error"] = error.json() }
        }
        return .object(line)
    }

    /// `{succeeded, failed, skipped}` with every status present.
    static func counts(_ counts: [StepStatus: Int]) -> JSON {
        var members: [String: JSON] = [:]
        for status in StepStatus.allCases { members[status.rawValue] = .number(Double(counts[status] ?? 0)) }
        return .object(members)
    }

    /// The event with every string in it masked.
    func masked(by masker: Masker) -> RunEvent {
        guard !masker.isEmpty else { return self }
        var copy = self
        switch kind {
        case .runStarted(let workflow, let file, let inputs):
            copy.kind = .runStarted(
                workflow: workflow, file: masker.mask(file), inputs: inputs.mapValues(masker.mask))
        case .stepStarted, .itemStarted:
            break
        case .attemptFailed(let step, let index, let attempt, let error, let retryInMs):
            copy.kind = .attemptFailed(
                step: step, index: index, attempt: attempt, error: error.masked(by: masker), retryInMs: retryInMs)
        case .output(let step, let index, let message):
            copy.kind = .output(step: step, index: index, message: masker.mask(message))
        case .changePlanned(let step, let index, var change):
            change.resource = change.resource.map(masker.mask)
            copy.kind = .changePlanned(step: step, index: index, change: change)
        case .itemFinished(var item):
            item.outputs = masker.mask(item.outputs)
            item.error = item.error?.masked(by: masker)
            copy.kind = .itemFinished(item)
        case .stepFinished(var step):
            step.outputs = masker.mask(step.outputs)
            step.error = step.error?.masked(by: masker)
            copy.kind = .stepFinished(step)
        case .runFinished(let status, let counts, let durationMs, let error):
            copy.kind = .runFinished(
                status: status, counts: counts, durationMs: durationMs, error: error?.masked(by: masker))
        }
        return copy
    }
}
