import FlowCore
import Foundation
import JSONValue

/// One `for_each` element's record as the store keeps it: a JSON object, one of the array of records its
/// step's batch row holds (`element_batches.records`), rendered on the element's own task so that the
/// writer only joins the records of a commit. Outputs (of a succeeded element), error and skip reason
/// appear when there are any:
///
///     {"index":12,"status":"succeeded","attempts":1,"outputs":{…},"finished_at":1764405300.123,"duration_ms":4}
///     {"index":13,"status":"failed","attempts":3,"error":{…},"finished_at":1764405300.125,"duration_ms":9}
///
/// An element cut off by an interruption (its error says `interrupted`) is recorded `interrupted`, not
/// `failed`; one whose action is about to be called is recorded `started` (`init(started:step:index:)`).
struct ElementEntry: Sendable {
    var runID: String
    var step: String
    /// The rendered record.
    var record: String

    /// The record of an element whose action is about to be called (`item_started`): `resume` runs an
    /// element whose latest record is this one as a retry after a lost answer.
    ///
    ///     {"index":14,"status":"started","attempts":0,"started_at":1764405300.120}
    init(started event: RunEvent, step: String, index: Int) {
        runID = event.runID
        self.step = step
        record = "{\"index\":\(index),\"status\":\"started\",\"attempts\":0,\"started_at\":"
            + JSON.format(event.ts.timeIntervalSince1970) + "}"
    }

    /// The record of `item`, finished at `event.ts`. Written 10,000 times in a large `for_each`, so built
    /// in one buffer of the right size (status and reason are identifiers, with nothing to escape; outputs
    /// and error are rendered JSON).
    init(_ event: RunEvent, _ item: RunEvent.ItemResult) {
        runID = event.runID
        step = item.step
        let outputs = item.status == .succeeded ? item.outputs.rendered() : nil
        let error = item.error?.json().rendered()
        var record = ""
        record.reserveCapacity(160 + (outputs?.utf8.count ?? 0) + (error?.utf8.count ?? 0))
        record += "{\"index\":"
        record += String(item.index)
        record += ",\"status\":\""
        record += item.error?.code == "interrupted" ? "interrupted" : item.status.rawValue
        record += "\",\"attempts\":"
        record += String(item.attempts)
        if let outputs {
            record += ",\"outputs\":"
            record += outputs
        }
        if let error {
            record += ",\"error\":"
            record += error
        }
        if let reason = item.reason {
            record += ",\"reason\":\""
            record += reason.rawValue
            record += "\""
        }
        record += ",\"finished_at\":"
        record += JSON.format(event.ts.timeIntervalSince1970)
        record += ",\"duration_ms\":"
        record += String(item.durationMs)
        record += "}"
        self.record = record
    }

    /// `entries` as the rows that hold them: one per run of consecutive entries of the same run and step,
    /// their records a JSON array.
    static func batches(_ entries: [ElementEntry]) -> [(runID: String, step: String, records: String)] {
        var batches: [(runID: String, step: String, records: String)] = []
        for entry in entries {
            if let last = batches.indices.last, batches[last].runID == entry.runID, batches[last].step == entry.step {
                batches[last].records += ","
                batches[last].records += entry.record
            } else {
                batches.append((entry.runID, entry.step, "[" + entry.record))
            }
        }
        return batches.map { ($0.runID, $0.step, $0.records + "]") }
    }
}
