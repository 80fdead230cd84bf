import FlowCore
import Foundation
import GRDB
import JSONValue
import Testing

/// Reads, from the store, how many elements of its step are recorded when it runs.
struct ProbeAction: Action {
    let store: StateStore

    var declaration: ActionDeclaration {
        ActionDeclaration(name: "probe", summary: "Counts recorded elements.", changesState: false)
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        let recorded = try store.elements(runID: "probe-run", step: context.stepKey).count
        return ["recorded": .number(Double(recorded))]
    }
}

@Suite("State store: durability")
struct StateStoreDurabilityTests {
    @Test func eachElementIsCommittedBeforeTheNextOneStarts() async throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        let flow = workflow([step("each", "probe", forEach: ForEach(items: .literal(.array((0..<50).map { .number(Double($0)) }))))])
        let outcome = try await recordedRun(flow, store: store, actions: [ProbeAction(store: store)], runID: "probe-run")
        #expect(outcome.status == .succeeded)
        let seen = outcome.step("each")?.elements?.map { $0.outputs["recorded"]?.intValue ?? -1 } ?? []
        #expect(seen == Array(0..<50))
    }

    /// At concurrency 8 elements share commits, but a slot frees only once its element is recorded:
    /// element i starts after at least i − 7 elements are on disk.
    @Test func concurrentElementsAreCommittedBeforeTheirSlotIsReused() async throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        let items = ForEach(items: .literal(.array((0..<200).map { .number(Double($0)) })), concurrency: 8)
        let flow = workflow([step("each", "probe", forEach: items)])
        let outcome = try await recordedRun(flow, store: store, actions: [ProbeAction(store: store)], runID: "probe-run")
        #expect(outcome.status == .succeeded)
        let seen = outcome.step("each")?.elements?.map { $0.outputs["recorded"]?.intValue ?? -1 } ?? []
        #expect(seen.count == 200)
        #expect(seen.enumerated().filter { $0.element < $0.offset - 7 }.map(\.offset) == [])
        #expect(try store.elements(runID: "probe-run", step: "each").count == 200)
        #expect(store.recordingErrors == [])
    }

    @Test func aSecondStoreOnTheSameFileSeesEveryCommittedEvent() async throws {
        let directory = temporaryStateDirectory()
        let store = try StateStore(directory: directory)
        let flow = workflow([step("each", "gate", [("value", value("${{ item }}"))], forEach: ForEach(items: .literal([1, 2, 3])))])
        _ = try await recordedRun(flow, store: store, actions: [GateAction(failing: [2])], runID: "r")
        let other = try StateStore(directory: directory)
        #expect(try other.elements(runID: "r", step: "each").map(\.status) == ["succeeded", "failed", "succeeded"])
        #expect(try other.elements(runID: "r", step: "each").first?.outputs == ["value": 1, "doubled": 2])
    }

    /// Elements committed together (one batch row per step) each keep their own values.
    @Test func rowsCommittedTogetherKeepTheirOwnValues() async throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        try store.register(RunRegistration(id: "r", workflow: workflow([step("each", "gate")]), contents: []))
        let count = 1_000
        await withTaskGroup(of: Void.self) { group in
            for slot in 0..<37 {
                group.addTask {
                    for index in stride(from: slot, to: count, by: 37) {
                        let failed = index % 3 == 0
                        let item = RunEvent.ItemResult(
                            step: "each", index: index, status: failed ? .failed : .succeeded,
                            outputs: ["index": .number(Double(index))],
                            error: failed ? StepError("element \(index) failed", code: "\(index)") : nil,
                            attempts: index % 5 + 1, durationMs: index * 2)
                        await store.recordDurably(RunEvent(runID: "r", kind: .itemFinished(item)))
                    }
                }
            }
        }
        #expect(store.recordingErrors == [])
        let rows = try store.elements(runID: "r", step: "each")
        #expect(rows.map(\.index) == Array(0..<count))
        let wrong = rows.filter { row in
            let failed = row.index % 3 == 0
            return row.status != (failed ? "failed" : "succeeded") || row.attempts != row.index % 5 + 1
                || row.durationMs != row.index * 2
                || row.outputs != (failed ? .null : ["index": .number(Double(row.index))])
                || row.error?["code"] != (failed ? .string("\(row.index)") : nil)
        }
        #expect(wrong.map(\.index) == [])
    }

    /// A record keeps outputs and errors whatever characters they hold (records are JSON joined by the writer).
    @Test func recordsKeepAnyText() async throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        try store.register(RunRegistration(id: "r", workflow: workflow([step("each", "gate")]), contents: []))
        let text = "quote \" backslash \\ newline \n tab \t ünïcødé 🚀 ]},{"
        let outputs: JSON = ["text": .string(text), "list": [1.5, -2, true, .null], "nested": ["key \"x\"": "y"]]
        let items = [
            RunEvent.ItemResult(step: "each", index: 0, status: .succeeded, outputs: outputs, attempts: 1),
            RunEvent.ItemResult(step: "each", index: 1, status: .failed, outputs: outputs,
                                error: StepError(text, code: "E\"1"), attempts: 2),
            RunEvent.ItemResult(step: "each", index: 2, status: .skipped, reason: .filtered),
        ]
        let times = [1_764_405_300.000042, 1_764_405_301.5, 1_764_405_302]
        for (item, time) in zip(items, times) {
            await store.recordDurably(
                RunEvent(ts: Date(timeIntervalSince1970: time), runID: "r", kind: .itemFinished(item)))
        }
        #expect(store.recordingErrors == [])
        let records = try await DatabaseQueue(path: store.path).read { db in
            try String.fetchAll(db, sql: "SELECT records FROM element_batches ORDER BY id")
        }
        let recorded = try records.flatMap { try JSON(parsing: $0).arrayValue ?? [] }
        #expect(recorded.map { $0["finished_at"]?.doubleValue } == times)
        #expect(records.first?.contains("\"finished_at\":1764405300.000042,") == true)
        #expect(recorded.map { $0["reason"] } == [nil, nil, "filtered"])
        let elements = try store.elements(runID: "r", step: "each")
        #expect(elements.map(\.status) == ["succeeded", "failed", "skipped"])
        #expect(elements[0].outputs == outputs)
        #expect(elements[1].outputs == .null)
        #expect(elements[1].error?["message"] == .string(text))
        #expect(elements[1].error?["code"] == "E\"1")
        #expect(elements[2].error == nil)
        #expect(try store.run("r").steps.isEmpty)
    }

    /// A transaction that fails (here: elements of a run the store does not know) is rolled back; its
    /// callers' failure is reported and the store goes on recording.
    @Test func aFailedCommitIsRolledBackAndRecordingGoesOn() async throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        try store.register(RunRegistration(id: "known", workflow: workflow([step("each", "gate")]), contents: []))
        let item = RunEvent.ItemResult(step: "each", index: 0, status: .succeeded, outputs: ["ok": true])
        await store.recordDurably(RunEvent(runID: "unknown", kind: .itemFinished(item)))
        #expect(store.recordingErrors.count == 1)
        #expect(store.recordingErrors.first?.contains("FOREIGN KEY") == true)
        await store.recordDurably(RunEvent(runID: "known", kind: .itemFinished(item)))
        #expect(store.recordingErrors.count == 1)
        #expect(try store.elements(runID: "known", step: "each").map(\.outputs) == [["ok": true]])
        #expect(try store.elements(runID: "unknown", step: "each").isEmpty)
    }
}
