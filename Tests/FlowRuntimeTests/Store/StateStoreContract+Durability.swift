import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Testing

@Suite("State store contract: durability")
struct StateStoreDurabilityContract {
    @Test(arguments: StoreBackend.all)
    func eachElementIsCommittedBeforeTheNextOneStarts(_ backend: StoreBackend) async throws {
        let (_, seen) = try await Self.probe(backend, count: 50, concurrency: 1)
        #expect(seen == Array(0..<50))
    }

    /// At concurrency 8 elements may share commits, but a slot frees only once its element is recorded:
    /// element i starts after at least i − 7 elements are stored.
    @Test(arguments: StoreBackend.all)
    func concurrentElementsAreCommittedBeforeTheirSlotIsReused(_ backend: StoreBackend) async throws {
        let (store, seen) = try await Self.probe(backend, count: 200, concurrency: 8)
        #expect(seen.count == 200)
        #expect(seen.enumerated().filter { $0.element < $0.offset - 7 }.map(\.offset) == [])
        #expect(try await store.elements(runID: "probe-run", step: "each").count == 200)
        #expect(store.recordingErrors == [])
    }

    /// Runs a `for_each` of `count` probes at `concurrency` in a new store: how many elements each
    /// element found recorded when it ran.
    static func probe(_ backend: StoreBackend, count: Int, concurrency: Int) async throws
        -> (store: any StateStore, seen: [Int])
    {
        let store = try await backend.fresh()
        let flow = try testWorkflow(
            "steps:\n  - id: each\n    for_each: \(numbers(count))\n    concurrency: \(concurrency)\n    probe: {}\n")
        let outcome = try await recordedRun(flow, store: store, actions: [ProbeAction(store: store)], runID: "probe-run")
        #expect(outcome.status == .succeeded)
        return (store, outcome.step("each")?.elements?.map { $0.outputs["recorded"]?.intValue ?? -1 } ?? [])
    }

    @Test(arguments: StoreBackend.all)
    func aSecondStoreOnTheSameLocationSeesEveryCommittedEvent(_ backend: StoreBackend) async throws {
        let location = try await backend.makeLocation()
        let store = try await backend.open(location)
        let flow = try testWorkflow("steps:\n  - id: each\n    for_each: [1, 2, 3]\n    gate: { value: \"${{ item }}\" }\n")
        _ = try await recordedRun(flow, store: store, actions: [GateAction(failing: [2])], runID: "r")
        let other = try await backend.open(location)
        #expect(try await other.elements(runID: "r", step: "each").map(\.status) == ["succeeded", "failed", "succeeded"])
        #expect(try await other.elements(runID: "r", step: "each").first?.outputs == ["value": 1, "doubled": 2])
    }

    /// Elements recorded by concurrent tasks (committed together where the backend can) each keep their
    /// own values.
    @Test(arguments: StoreBackend.all)
    func elementsRecordedTogetherKeepTheirOwnValues(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        try await store.register(registration("r"))
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
                        await store.recordAndWait(RunEvent(runID: "r", kind: .itemFinished(item)))
                    }
                }
            }
        }
        #expect(store.recordingErrors == [])
        let rows = try await store.elements(runID: "r", step: "each")
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

    /// A record keeps outputs and errors whatever characters they hold.
    @Test(arguments: StoreBackend.all)
    func recordsKeepAnyText(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        try await store.register(registration("r"))
        let text = "quote \" backslash \\ newline \n tab \t ünïcødé 🚀 ]},{"
        let outputs: JSON = ["text": .string(text), "list": [1.5, -2, true, .null], "nested": ["key \"x\"": "y"]]
        for item in Self.items(text: text, outputs: outputs) {
            await store.recordAndWait(RunEvent(runID: "r", kind: .itemFinished(item)))
        }
        #expect(store.recordingErrors == [])
        let elements = try await store.elements(runID: "r", step: "each")
        #expect(elements.map(\.status) == ["succeeded", "failed", "skipped"])
        #expect(elements[0].outputs == outputs)
        #expect(elements[1].outputs == .null)
        #expect(elements[1].error?["message"] == .string(text))
        #expect(elements[1].error?["code"] == "E\"1")
        #expect(elements[2].error == nil)
        #expect(try await store.run("r").steps.isEmpty)
    }

    /// A succeeded, a failed and a skipped element whose outputs and error hold `text`.
    static func items(text: String, outputs: JSON) -> [RunEvent.ItemResult] {
        [
            RunEvent.ItemResult(step: "each", index: 0, status: .succeeded, outputs: outputs, attempts: 1),
            RunEvent.ItemResult(
                step: "each", index: 1, status: .failed, outputs: outputs, error: StepError(text, code: "E\"1"), attempts: 2),
            RunEvent.ItemResult(step: "each", index: 2, status: .skipped, reason: .filtered),
        ]
    }

    /// A write that fails (here: elements of a run the store does not know) is reported; the store goes on
    /// recording.
    @Test(arguments: StoreBackend.all)
    func aFailedCommitIsReportedAndRecordingGoesOn(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        try await store.register(registration("known"))
        let item = RunEvent.ItemResult(step: "each", index: 0, status: .succeeded, outputs: ["ok": true])
        await store.recordAndWait(RunEvent(runID: "unknown", kind: .itemFinished(item)))
        #expect(store.recordingErrors.count == 1)
        #expect(store.recordingErrors.first?.lowercased().contains("foreign key") == true)
        await store.recordAndWait(RunEvent(runID: "known", kind: .itemFinished(item)))
        #expect(store.recordingErrors.count == 1)
        #expect(try await store.elements(runID: "known", step: "each").map(\.outputs) == [["ok": true]])
        #expect(try await store.elements(runID: "unknown", step: "each").isEmpty)
    }
}
