import FlowCore
import Foundation
import JSONValue

/// The status of a recorded run: the engine's outcomes, and `running` while it goes on.
public enum RecordedRunStatus: String, Sendable, Hashable, CaseIterable {
    case running, succeeded, failed, interrupted
}

/// One line of `havenflow runs`.
public struct RunSummary: Sendable, Hashable {
    public var id: String
    public var workflow: String
    /// The workflow file's absolute path when the run started.
    public var file: String
    /// SHA-256 of the file's bytes when the run (or its latest resume) started.
    public var fileHash: String
    public var status: RecordedRunStatus
    public var startedAt: Date
    public var finishedAt: Date?
    /// Time spent running, summed over the run and its resumes.
    public var durationMs: Int?
    public var pid: Int32
    public var host: String
    /// How many times the run was resumed.
    public var resumes: Int

    /// The run's JSON for `--json`.
    public var json: JSON {
        [
            "id": .string(id), "workflow": .string(workflow), "file": .string(file), "file_hash": .string(fileHash),
            "status": .string(status.rawValue), "started_at": .string(Timestamp.rfc3339(startedAt)),
            "finished_at": finishedAt.map { .string(Timestamp.rfc3339($0)) } ?? .null,
            "duration_ms": durationMs.map { .number(Double($0)) } ?? .null, "pid": .number(Double(pid)),
            "host": .string(host), "resumes": .number(Double(resumes)),
        ]
    }
}

/// One run in full: `havenflow show` and `resume`.
public struct RunDetail: Sendable {
    public var summary: RunSummary
    /// The bound inputs, masked.
    public var inputs: [String: JSON]
    /// The workflow's step keys (`steps` then `finally`) when the run started.
    public var stepKeys: [String]
    /// A failure before the first step.
    public var error: JSON?
    /// The recorded steps, in the order of `stepKeys` (steps that never started have no record).
    public var steps: [StepSummary]
}

/// One recorded step.
public struct StepSummary: Sendable {
    public var key: String
    public var action: String
    /// `running` (cut short by a killed process: `interrupted`), `succeeded`, `failed` or `skipped`.
    public var status: String
    public var attempts: Int
    public var outputs: JSON
    public var error: JSON?
    public var reason: String?
    public var isFinally: Bool
    public var durationMs: Int?
    /// `for_each` steps: recorded elements by status.
    public var elements: [String: Int]?
    /// `for_each` steps: the failed elements' errors by index (at most the first 20).
    public var elementErrors: [(index: Int, error: JSON)]

    public var json: JSON {
        var members: [String: JSON] = [
            "key": .string(key), "action": .string(action), "status": .string(status),
            "attempts": .number(Double(attempts)), "outputs": outputs, "error": error ?? .null,
            "duration_ms": durationMs.map { .number(Double($0)) } ?? .null,
        ]
        if let reason { members["reason"] = .string(reason) }
        if isFinally { members["finally"] = true }
        if let elements { members["elements"] = .object(elements.mapValues { .number(Double($0)) }) }
        if !elementErrors.isEmpty {
            members["element_errors"] = .array(
                elementErrors.map { ["index": .number(Double($0.index)), "error": $0.error] })
        }
        return .object(members)
    }
}

/// One recorded `for_each` element.
public struct ElementSummary: Sendable {
    public var index: Int
    public var status: String
    public var attempts: Int
    public var outputs: JSON
    public var error: JSON?
    public var durationMs: Int
    /// When its latest attempt started: recorded for `started` records, else its end less its duration.
    public var startedAt: Date?

    /// Whether the element started and never finished: it was `started` when its process died, or was cut
    /// off by an interruption. `resume` runs it as a retry after a lost answer.
    public var cutOff: Bool { status == "started" || status == "interrupted" }

    public var json: JSON {
        [
            "index": .number(Double(index)), "status": .string(status), "attempts": .number(Double(attempts)),
            "outputs": outputs, "error": error ?? .null, "duration_ms": .number(Double(durationMs)),
        ]
    }
}
