import FlowCore
import JSONValue
import Testing

@Suite("Core actions")
struct CoreActionsTests {
    @Test func registryHasTheFourActions() {
        let registry = ActionRegistry(CoreActions.all)
        #expect(registry.declarations.map(\.name) == ["assert", "fail", "log", "sleep"])
        #expect(registry.declarations.allSatisfy { !$0.changesState && !$0.summary.isEmpty })
    }

    @Test(arguments: [
        (JSON.bool(true), nil as String?),
        (.bool(false), "the assertion failed"),
        (
            .string("x == 1"),
            "assert: 'that' is the string 'x == 1', not a condition: write it as an expression, ${{ … }}"
        ),
        (.number(0), "the assertion failed"),
    ])
    func assertChecksItsCondition(that: JSON, failure: String?) async {
        do {
            _ = try await AssertAction().run(
                ["that": that], context: ActionContext(runID: "r", workflowName: "w", stepKey: "s"))
            #expect(failure == nil)
        } catch {
            #expect("\(error)" == failure)
        }
    }

    @Test func failAlwaysFails() async {
        await #expect(throws: ActionFailure.self) {
            _ = try await FailAction().run(
                ["message": "stop"], context: ActionContext(runID: "r", workflowName: "w", stepKey: "s"))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func sleepIsCancellable() async {
        let task = Task {
            try await SleepAction().run(
                ["duration": "1h"], context: ActionContext(runID: "r", workflowName: "w", stepKey: "s"))
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
    }

    /// At run time (a templated duration) `sleep` reads the same grammar as the loader.
    @Test(arguments: ["30m1h", "10 minutes", "1h1h", "-1", "soon"] as [JSON] + [-1])
    func sleepRefusesWhatTheGrammarRefuses(_ duration: JSON) async {
        do {
            _ = try await SleepAction().run(
                ["duration": duration], context: ActionContext(runID: "r", workflowName: "w", stepKey: "s"))
            Issue.record("slept for \(duration)")
        } catch {
            #expect("\(error)" == "sleep: 'duration' must be a duration such as 250ms, 30s or 5m, or a number of seconds")
        }
    }

    @Test func sleepRejectsABadDuration() async {
        await #expect(throws: ActionFailure.self) {
            _ = try await SleepAction().run(
                ["duration": "soon"], context: ActionContext(runID: "r", workflowName: "w", stepKey: "s"))
        }
    }

    @Test func sleepWaitsTheDuration() async throws {
        let output = try await SleepAction().run(
            ["duration": "5ms"], context: ActionContext(runID: "r", workflowName: "w", stepKey: "s"))
        #expect(output == [:])
    }
}
