import FlowCore
import Foundation
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
}
