import Foundation
import GRDB
import JSONValue

extension SQLiteStateStore {
    /// The latest record of each `for_each` element of `runID` (of `step` only, when given), by step and
    /// index. Records are kept in batch rows, one per step and commit (`ElementEntry`); an element run
    /// again on resume has a later record in a later row, which is the one that counts.
    static func latestElements(_ db: Database, runID: String, step: String? = nil) throws -> [String: [Int: ElementSummary]] {
        var sql = "SELECT step, records FROM element_batches WHERE run_id = ?"
        var arguments: StatementArguments = [runID]
        if let step {
            sql += " AND step = ?"
            arguments += [step]
        }
        var elements: [String: [Int: ElementSummary]] = [:]
        let rows = try Row.fetchCursor(db, sql: sql + " ORDER BY id", arguments: arguments)
        while let row = try rows.next() {
            let step: String = row["step"]
            for record in Self.json(row["records"]).arrayValue ?? [] {
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
        return elements
    }

    /// A step's recorded outputs. A `for_each` step's (`items` elements) are not stored with the step but
    /// rebuilt from its elements: each succeeded element's outputs, in element order, `null` for the others.
    static func stepOutputs(_ row: Row, elements: [Int: ElementSummary]) -> JSON {
        let outputs: String? = row["outputs"]
        guard outputs == nil, let items = row["items"] as Int? else { return json(outputs) }
        return .array((0..<items).map { index in
            elements[index].map { $0.status == "succeeded" ? $0.outputs : .null } ?? .null
        })
    }
}
