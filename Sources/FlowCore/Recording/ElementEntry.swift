import Foundation
import GRDB
import JSONValue

/// One `for_each` element's record as the store keeps it: a JSON object, one of the array of records its
/// step's batch row holds (`element_batches.records`), rendered on the element's own task so that the
/// writer only joins the records of a commit. Outputs (of a succeeded element), error and skip reason
/// appear when there are any:
///
///     {"index":12,"status":"succeeded","attempts":1,"outputs":{…},"finished_at":1764405300.123,"duration_ms":4}
///     {"index":13,"status":"failed","attempts":3,"error":{…},"finished_at":1764405300.125,"duration_ms":9}
struct ElementEntry: Sendable {
    var runID: String
    var step: String
    /// The rendered record.
    var record: String

    /// The record of `item`, finished at `event.ts`.
    init(_ event: RunEvent, _ item: RunEvent.ItemResult) {
        runID = event.runID
        step = item.step
        // Status and reason are identifiers (nothing to escape); outputs and error are rendered JSON.
        var record = "{\"index\":\(item.index),\"status\":\"\(item.status.rawValue)\",\"attempts\":\(item.attempts)"
        if item.status == .succeeded { record += ",\"outputs\":" + item.outputs.rendered() }
        if let error = item.error { record += ",\"error\":" + error.json().rendered() }
        if let reason = item.reason { record += ",\"reason\":\"\(reason.rawValue)\"" }
        record += ",\"finished_at\":\(event.ts.timeIntervalSince1970),\"duration_ms\":\(item.durationMs)}"
        self.record = record
    }

    /// Writes `entries` (in the caller's transaction, or each row its own in autocommit mode): one row per
    /// run and step, holding the records in the order given.
    static func insert(_ entries: [ElementEntry], into db: Database) throws {
        var batches: [(runID: String, step: String, records: [String])] = []
        for entry in entries {
            if let last = batches.indices.last, batches[last].runID == entry.runID, batches[last].step == entry.step {
                batches[last].records.append(entry.record)
            } else {
                batches.append((entry.runID, entry.step, [entry.record]))
            }
        }
        let statement = try db.cachedStatement(sql: "INSERT INTO element_batches (run_id, step, records) VALUES (?, ?, ?)")
        for batch in batches {
            try statement.execute(arguments: [batch.runID, batch.step, "[" + batch.records.joined(separator: ",") + "]"])
        }
    }
}
