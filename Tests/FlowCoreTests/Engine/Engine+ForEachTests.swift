import FlowCore
import JSONValue
import Testing

@Suite("Engine: for_each")
struct EngineForEachTests {
    static func loop(
        _ items: TemplateValue, alias: String? = nil, where filter: String? = nil, concurrency: Int = 1,
        failFast: Bool = false
    ) -> ForEach {
        ForEach(
            items: items, alias: alias, filter: filter.map { expr($0) }, concurrency: concurrency, failFast: failFast)
    }

    @Test func outputsAreInElementOrderWithNullForFailedAndSkipped() async {
        let items: TemplateValue = .literal(["a", "boom", "c", "skip", "e"])
        let flow = workflow([
            step(
                "each", "assert",
                [("that", value("${{ item != 'boom' }}")), ("message", value("bad ${{ item }}"))],
                forEach: Self.loop(items, where: "item != 'skip'", concurrency: 3), continueOnError: true),
            step("names", "count", [("value", value("${{ steps.each.results.*.status }}"))]),
        ])
        let (outcome, recorder) = await execute(flow, actions: [CountingAction()])
        let record = outcome.step("each")
        #expect(record?.status == .failed)
        #expect(record?.outputs == [[:], nil, [:], nil, [:]])
        #expect(record?.elements?.map(\.status) == [.succeeded, .failed, .succeeded, .skipped, .succeeded])
        #expect(record?.elements?[3].skipReason == .filtered)
        #expect(record?.error?.message == "step 'each': 1 element of 5 failed; first, element 1: bad boom")
        #expect(
            outcome.step("names")?.outputs["value"] == ["succeeded", "failed", "succeeded", "skipped", "succeeded"])
        let items_ = await recorder.lines("item_finished")
        #expect(items_.count == 5)
        #expect(Set(items_.compactMap { $0["index"]?.intValue }) == [0, 1, 2, 3, 4])
        let started = await recorder.lines("step_started").first
        #expect(started?["items"] == 5)
        #expect(await recorder.lines("step_finished").first?["items"] == ["succeeded": 3, "failed": 1, "skipped": 1])
    }

    @Test func aliasAndIndexAreInScope() async {
        let flow = workflow([
            step(
                "each", "log", [("message", value("${{ index }}:${{ name }}:${{ item }}"))],
                forEach: Self.loop(.literal(["x", "y"]), alias: "name"))
        ])
        let (outcome, recorder) = await execute(flow)
        #expect(outcome.status == .succeeded)
        #expect(await recorder.lines("output").map { $0["message"] } == ["0:x:x", "1:y:y"])
    }

    @Test func notAListFailsWithASentenceNamingTheStep() async {
        let flow = workflow(
            [step("each", "log", [("message", .literal("x"))], forEach: Self.loop(value("${{ vars.legacy }}")))],
            vars: [("legacy", .literal("wiki_old"))])
        let (outcome, _) = await execute(flow)
        #expect(outcome.status == .failed)
        #expect(
            outcome.step("each")?.error?.message
                == "step 'each': for_each (${{ vars.legacy }}) must give a list, but it gave a string")
    }

    @Test(arguments: [1, 4, 16])
    func concurrencyIsBounded(limit: Int) async {
        let slow = SlowAction()
        let items: [JSON] = (0..<40).map { .number(Double($0)) }
        let flow = workflow([
            step("each", "slow", [("ms", .literal(2))], forEach: Self.loop(.literal(.array(items)), concurrency: limit))
        ])
        let (outcome, _) = await execute(flow, actions: [slow])
        #expect(outcome.status == .succeeded)
        #expect(slow.finished == 40)
        #expect(slow.peak <= limit)
        #expect(outcome.step("each")?.outputs.arrayValue?.count == 40)
    }

    @Test func maxConcurrencyCapsTheStep() async {
        let slow = SlowAction()
        let items: [JSON] = (0..<20).map { .number(Double($0)) }
        let flow = workflow([
            step("each", "slow", [("ms", .literal(2))], forEach: Self.loop(.literal(.array(items)), concurrency: 50))
        ])
        let (_, _) = await execute(flow, actions: [slow], options: EngineOptions(maxConcurrency: 3))
        #expect(slow.peak <= 3)
    }

    @Test func failFastStopsStartingElements() async {
        let items: JSON = [true, false, true, true, true]
        let flow = workflow([
            step(
                "each", "assert", [("that", value("${{ item }}"))], forEach: Self.loop(.literal(items), failFast: true))
        ])
        let (outcome, _) = await execute(flow)
        let elements = outcome.step("each")?.elements
        #expect(elements?.map(\.status) == [.succeeded, .failed, .skipped, .skipped, .skipped])
        #expect(elements?[2].skipReason == .failFast)
        #expect(outcome.step("each")?.attempts == 2)
    }

    @Test func withoutFailFastEveryElementRuns() async {
        let items: JSON = [true, false, true]
        let flow = workflow([
            step("each", "assert", [("that", value("${{ item }}"))], forEach: Self.loop(.literal(items)))
        ])
        let (outcome, _) = await execute(flow)
        #expect(outcome.step("each")?.elements?.map(\.status) == [.succeeded, .failed, .succeeded])
        #expect(outcome.status == .failed)
    }

    @Test func resultsAreVisibleToLaterSteps() async {
        let flow = workflow([
            step("each", "count", [("value", value("${{ item }}"))], forEach: Self.loop(.literal(["p", "q"]))),
            step(
                "after", "log",
                [("message", value("${{ toJSON(steps.each.results.*.item) }} ${{ length(steps.each.outputs) }}"))]),
        ])
        let (_, recorder) = await execute(flow, actions: [CountingAction()])
        #expect(await recorder.lines("output").map { $0["message"] } == ["[\"p\",\"q\"] 2"])
    }

    @Test func tenThousandElementsDoNotStartTenThousandTasks() async {
        let slow = SlowAction()
        let flow = workflow(
            [
                step(
                    "each", "slow", [("ms", .literal(0))], forEach: Self.loop(value("${{ vars.many }}"), concurrency: 8)
                )
            ], vars: [("many", .literal(.array((0..<10_000).map { .number(Double($0)) })))])
        let (outcome, _) = await execute(flow, actions: [slow])
        #expect(outcome.status == .succeeded)
        #expect(slow.finished == 10_000)
        #expect(slow.peak <= 8)
    }
}
