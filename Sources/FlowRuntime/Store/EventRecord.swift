import FlowCore
import Foundation
import JSONValue

/// What a store writes for one of the engine's events — the same for every backend: the run's start,
/// one statement (`RecordingSQL`, with its arguments), or an element's record for the group commit.
enum EventRecord {
    /// `run_started`: the run's inputs, and `running` again (a run the caller did not register — an
    /// engine used with the store alone — is recorded with what is known).
    case runStarted(workflow: String, file: String, inputs: String)
    /// A statement with `?` placeholders and its arguments.
    case statement(String, [StoredValue])
    /// An element's record; `wait` tells whether the engine waits for it (`item_finished` of an element that
    /// did not run changed nothing and is decided again on resume: it goes with the next commit unwaited).
    case element(ElementEntry)

    /// The record of `event`, or nil when it changes nothing in the store.
    init?(_ event: RunEvent) {
        switch event.kind {
        case .runStarted(let workflow, let file, let inputs):
            self = .runStarted(workflow: workflow, file: file, inputs: JSON.object(inputs).rendered())
        case .stepStarted(let step, let action, _, let items):
            self = .statement(
                RecordingSQL.stepStarted,
                [.text(event.runID), .text(step), .text(action), .integer(items), .real(event.ts.timeIntervalSince1970)])
        case .itemStarted(let step, let index):
            self = .element(ElementEntry(started: event, step: step, index: index))
        case .itemFinished(let item) where !item.resumed:
            self = .element(ElementEntry(event, item))
        case .stepFinished(let step) where !step.resumed:
            // A `for_each` step's outputs are its elements' outputs, already recorded with the elements:
            // they are read back from there (`StoredRecords.stepOutputs`) rather than written twice.
            self = .statement(
                RecordingSQL.stepFinished,
                [
                    .text(event.runID), .text(step.step), .text(step.action),
                    .text(step.error?.code == "interrupted" ? "interrupted" : step.status.rawValue),
                    .integer(step.attempts), .text(step.items == nil ? step.outputs.rendered() : nil),
                    .text(step.error?.json().rendered()), .text(step.reason?.rawValue), .bool(step.isFinally),
                    .real(event.ts.timeIntervalSince1970), .integer(step.durationMs),
                ])
        case .runFinished(let status, _, let durationMs, let error):
            self = .statement(
                RecordingSQL.runFinished,
                [
                    .text(status.rawValue), .text(error?.json().rendered()), .real(event.ts.timeIntervalSince1970),
                    .integer(durationMs), .text(event.runID),
                ])
        default:
            return nil
        }
    }
}

/// A value a store binds: text, an integer, a real, a boolean (nil values are NULL).
enum StoredValue {
    case text(String?)
    case integer(Int?)
    case real(Double?)
    case bool(Bool)
}
