import FlowCore
import JSONValue
import Testing

@Suite("Engine: workflows loaded from YAML")
struct EngineYAMLTests {
    static let text = """
        name: yaml-run
        inputs:
          who: { type: string, default: world }
        vars:
          items: [a, b, c]
        defaults:
          retry: { attempts: 2, delay: 1ms, jitter: false }
        steps:
          - id: greet
            log: { message: "hello ${{ inputs.who }}" }
          - id: each
            for_each: ${{ vars.items }}
            as: letter
            where: letter != 'b'
            concurrency: 2
            log: { message: "item ${{ index }} ${{ letter }}" }
          - id: check
            assert: { that: "${{ length(steps.each.outputs) == 3 && steps.each.results[1].status == 'skipped' }}" }
          - fail: { message: "boom ${{ secrets.TOKEN }}" }
            continue_on_error: true
          - id: never
            if: failure()
            log: { message: "not after a tolerated failure" }
        finally:
          - log: { message: "done ${{ run.status }}" }
        """

    @Test func runsTheLoadedWorkflow() async throws {
        let registry = ActionRegistry(CoreActions.all)
        let result = WorkflowLoader(registry: registry).load(text: Self.text, file: "yaml-run.yaml")
        #expect(result.errors.map(\.description) == [])
        let flow = try #require(result.workflow)
        let inputs = try InputBinder.bind(declarations: flow.inputs, raw: [:])
        let recorder = EventRecorder()
        let engine = Engine(
            registry: registry, observers: [recorder],
            options: EngineOptions(secrets: ["TOKEN": "t0ken"], clock: InstantClock()))
        let outcome = await engine.run(flow, inputs: inputs)
        #expect(outcome.status == .succeeded)
        #expect(
            outcome.statuses == [
                "greet=succeeded", "each=succeeded", "check=succeeded", "fail#4=failed", "never=skipped",
                "finally#1=succeeded",
            ])
        #expect(outcome.step("fail#4")?.error?.message == "boom ****")
        #expect(outcome.step("fail#4")?.attempts == 1)
        let messages = await recorder.lines("output").compactMap { $0["message"]?.stringValue }
        #expect(messages.first == "hello world")
        #expect(Set(messages.dropFirst().prefix(2)) == ["item 0 a", "item 2 c"])
        #expect(messages.last == "done succeeded")
    }
}
