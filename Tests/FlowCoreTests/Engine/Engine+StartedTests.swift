import FlowCore
import Foundation
import JSONValue
import Synchronization
import Testing

/// Records the context of every call: which steps and elements ran as retries after a lost answer.
final class ContextProbe: Action {
    private let contexts = Mutex<[ActionContext]>([])

    var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "probe", summary: "Records its context.", inputs: [InputSpec("value", .any, description: "Echoed.")],
            outputs: [], changesState: true)
    }

    var seen: [ActionContext] { contexts.withLock { $0 } }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        contexts.withLock { $0.append(context) }
        return ["value": input["value"] ?? .null]
    }
}

/// Issue 16, part 1, in the engine: `item_started` before an element's action is first called, and a
/// step or element that started in an earlier process runs with `recovering`.
@Suite struct EngineStartedTests {
    static let earlier = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func eachElementIsStartedBeforeItsActionIsCalled() async {
        let flow = workflow([
            step("each", "probe", [("value", value("${{ item }}"))], forEach: ForEach(items: .literal(["a", "b"])))
        ])
        let probe = ContextProbe()
        let (outcome, recorder) = await execute(flow, actions: [probe])
        #expect(outcome.status == .succeeded)
        let trace = await recorder.trace
        for index in 0..<2 {
            let started = trace.firstIndex(of: "item_started:each[\(index)]")
            let finished = trace.firstIndex(of: "item_finished:each[\(index)]")
            #expect(started != nil && finished != nil && started! < finished!, "\(trace)")
        }
        #expect(probe.seen.map(\.recovering) == [false, false])
        #expect(probe.seen.allSatisfy { !$0.isRetry && $0.startedAt == nil })
    }

    @Test func startedElementsAndStepsRunAsRetriesAfterALostAnswer() async {
        let flow = workflow([
            step("plain", "probe", [("value", .literal("p"))]),
            step("each", "probe", [("value", value("${{ item }}"))], forEach: ForEach(items: .literal(["a", "b", "c"]))),
        ])
        let probe = ContextProbe()
        let resume = ResumeState(
            succeededElements: ["each": [2: ["value": "c"]]], startedSteps: ["plain": Self.earlier],
            startedElements: ["each": [0: Self.earlier]])
        let (outcome, recorder) = await execute(flow, actions: [probe], resume: resume)
        #expect(outcome.status == .succeeded)
        let byPlace = Dictionary(uniqueKeysWithValues: probe.seen.map { ("\($0.stepKey)\($0.index.map { "[\($0)]" } ?? "")", $0) })
        #expect(Set(byPlace.keys) == ["plain", "each[0]", "each[1]"])
        #expect(byPlace["plain"]?.recovering == true)
        #expect(byPlace["plain"]?.startedAt == Self.earlier)
        #expect(byPlace["plain"]?.isRetry == true)
        #expect(byPlace["plain"]?.attempt == 1)
        #expect(byPlace["each[0]"]?.recovering == true)
        #expect(byPlace["each[0]"]?.startedAt == Self.earlier)
        #expect(byPlace["each[1]"]?.recovering == false)
        #expect(byPlace["each[1]"]?.isRetry == false)
        // The element started earlier keeps its started record; the new one gets one; the resumed one none.
        let started = await recorder.trace.filter { $0.hasPrefix("item_started") }
        #expect(started == ["item_started:each[1]"])
    }
}
