import FlowCore
import JSONValue
import Testing

@Suite("Engine: steps, if, failures, finally")
struct EngineStepsTests {
    @Test func runsStepsInOrderAndPassesOutputs() async {
        let counter = CountingAction()
        let flow = workflow([
            step("a", "count", [("value", .literal("one"))]),
            step("b", "count", [("value", value("${{ steps.a.outputs.value }}-two"))]),
        ])
        let (outcome, recorder) = await execute(flow, actions: [counter])
        #expect(outcome.status == .succeeded)
        #expect(outcome.statuses == ["a=succeeded", "b=succeeded"])
        #expect(outcome.step("b")?.outputs == ["count": 1, "value": "one-two"])
        #expect(
            await recorder.trace == [
                "run_started", "step_started:a", "step_finished:a", "step_started:b", "step_finished:b", "run_finished",
            ])
        let finished = await recorder.lines("run_finished")
        #expect(finished.first?["counts"] == ["succeeded": 2, "failed": 0, "skipped": 0])
    }

    @Test func failureSkipsLaterStepsUnlessAlwaysOrFailure() async {
        let flow = workflow([
            step("a", "fail", [("message", .literal("boom"))]),
            step("b", "log", [("message", .literal("not printed"))]),
            step("c", "log", [("message", .literal("cleanup"))], if: "always()"),
            step("d", "log", [("message", .literal("on failure"))], if: "failure()"),
            step("e", "log", [("message", .literal("on success"))], if: "success()"),
            step("f", "log", [("message", .literal("implicit"))], if: "true"),
        ])
        let (outcome, recorder) = await execute(flow)
        #expect(outcome.status == .failed)
        #expect(
            outcome.statuses == [
                "a=failed", "b=skipped", "c=succeeded", "d=succeeded", "e=skipped", "f=skipped",
            ])
        #expect(outcome.step("a")?.error?.message == "boom")
        #expect(outcome.step("b")?.skipReason == .earlierFailure)
        #expect(outcome.step("e")?.skipReason == .condition)
        let skipped = await recorder.lines("step_finished").filter { $0["status"] == "skipped" }
        #expect(skipped.map { $0["reason"] } == ["earlier_failure", "condition", "earlier_failure"])
    }

    @Test func falseConditionSkipsWithoutFailing() async {
        let flow = workflow(
            [step("a", "log", [("message", .literal("x"))], if: "inputs.go"), step("b", "count")],
            inputs: [InputDeclaration(name: "go", type: .boolean)])
        let (outcome, _) = await execute(flow, actions: [CountingAction()], inputs: ["go": false])
        #expect(outcome.status == .succeeded)
        #expect(outcome.statuses == ["a=skipped", "b=succeeded"])
    }

    @Test func continueOnErrorRecordsFailedButRunGoesOn() async {
        let flow = workflow([
            step("a", "fail", [("message", .literal("tolerated"))], continueOnError: true),
            step("b", "log", [("message", value("${{ steps.a.status }}: ${{ steps.a.error.message }}"))]),
        ])
        let (outcome, recorder) = await execute(flow)
        #expect(outcome.status == .succeeded)
        #expect(outcome.statuses == ["a=failed", "b=succeeded"])
        let output = await recorder.lines("output")
        #expect(output.map { $0["message"] } == ["failed: tolerated"])
    }

    @Test func finallyRunsAfterFailureAndSeesRunStatus() async {
        let flow = workflow(
            [step("a", "fail", [("message", .literal("boom"))]), step("b", "log", [("message", .literal("x"))])],
            finally: [step("report", "log", [("message", value("status ${{ run.status }}"))])])
        let (outcome, recorder) = await execute(flow)
        #expect(outcome.status == .failed)
        #expect(outcome.statuses == ["a=failed", "b=skipped", "report=succeeded"])
        #expect(outcome.step("report")?.isFinally == true)
        #expect(await recorder.lines("output").map { $0["message"] } == ["status failed"])
        #expect(await recorder.lines("step_finished").last?["finally"] == true)
    }

    @Test func failingFinallyFailsTheRun() async {
        let flow = workflow(
            [step("a", "log", [("message", .literal("fine"))])],
            finally: [
                step("f1", "fail", [("message", .literal("notify failed"))]),
                step("f2", "log", [("message", .literal("still"))]),
            ])
        let (outcome, _) = await execute(flow)
        #expect(outcome.status == .failed)
        #expect(outcome.statuses == ["a=succeeded", "f1=failed", "f2=succeeded"])
    }

    @Test func evaluationErrorsFailTheStepWithASentence() async {
        let flow = workflow([
            step("a", "log", [("message", value("${{ fromJSON('{') }}"))], continueOnError: true),
            step("b", "log", [("message", .literal("x"))], if: "fromJSON('nope')", continueOnError: true),
        ])
        let (outcome, _) = await execute(flow)
        let first = outcome.step("a")?.error?.message ?? ""
        #expect(first.hasPrefix("step 'a': input 'message' could not be evaluated: in ${{ fromJSON('{') }}: "))
        let second = outcome.step("b")?.error?.message ?? ""
        #expect(second.hasPrefix("step 'b': its if condition could not be evaluated: in ${{ fromJSON('nope') }}: "))
        #expect(outcome.status == .succeeded)
    }

    @Test func stepsWithoutIdAreRecordedUnderTheirKeyOnly() async {
        let counter = CountingAction()
        let flow = workflow([
            step("count#1", "count", id: false), step("b", "log", [("message", value("${{ toJSON(steps) }}"))]),
        ])
        let (outcome, recorder) = await execute(flow, actions: [counter])
        #expect(outcome.step("count#1")?.status == .succeeded)
        #expect(outcome.step("count#1")?.id == nil)
        #expect(await recorder.lines("output").map { $0["message"] } == ["{}"])
    }

    @Test func varsAreEvaluatedInOrderOverInputsAndEnv() async {
        let flow = workflow(
            [step("a", "log", [("message", value("${{ vars.full }}"))])],
            inputs: [InputDeclaration(name: "prefix", type: .string)],
            vars: [("base", value("${{ inputs.prefix }}${{ env.SUFFIX }}")), ("full", value("${{ vars.base }}!"))])
        let (outcome, recorder) = await execute(
            flow, inputs: ["prefix": "v2-"], options: EngineOptions(env: ["SUFFIX": "wiki"]))
        #expect(outcome.status == .succeeded)
        #expect(await recorder.lines("output").map { $0["message"] } == ["v2-wiki!"])
    }

    @Test func unsetSecretStopsTheRunBeforeTheFirstStep() async {
        let counter = CountingAction()
        let flow = workflow([
            step("a", "count", [("value", value("${{ secrets.TOKEN }}"))]),
            step("b", "count", [("value", value("${{ secrets['OTHER'] }}"))]),
        ])
        let (outcome, recorder) = await execute(flow, actions: [counter])
        #expect(outcome.status == .failed)
        #expect(outcome.steps.isEmpty)
        #expect(counter.total == 0)
        #expect(
            outcome.error?.message
                == "the secrets 'OTHER', 'TOKEN' are referenced but not set: add them to the secrets file or the environment"
        )
        #expect(await recorder.trace == ["run_started", "run_finished"])
    }

    @Test func unknownActionFailsTheStep() async {
        let (outcome, _) = await execute(workflow([step("a", "nope")]))
        #expect(outcome.step("a")?.error?.message == "step 'a': no action named 'nope' is registered")
    }
}
