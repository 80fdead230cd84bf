import Foundation
import JSONValue

/// Where an attempt runs: which step, which element, and whether it is part of `finally`.
struct AttemptScope: Sendable {
    var step: Step
    var index: Int?
    var isFinally: Bool
    var runStatus: String
    /// When an earlier process started this step or element and died before it ended (`ResumeState`):
    /// its attempts run as retries after a lost answer.
    var startedEarlier: Date?
}

/// What the attempts of one action call came to.
struct AttemptsResult: Sendable {
    var outputs: JSON?
    var error: StepError?
    var attempts: Int
    /// The requests the action reported over the attempts.
    var calls = CallCounts()
}

extension RunExecution {
    /// Evaluates the step's inputs in `context` and calls the action, retrying under the step's policy.
    func runAction(_ action: any Action, step: Step, context: EvaluationContext, scope: AttemptScope) async
        -> AttemptsResult
    {
        // Stopped at once while the start was being recorded (a second interrupt, or a store that could not
        // write the record): the action is not called.
        if options.cancellation.isStoppingNow {
            return AttemptsResult(outputs: nil, error: .notStarted(step: step.key, index: scope.index), attempts: 0)
        }
        let input: JSON
        do {
            input = try evaluateInputs(step, action.declaration, in: context)
        } catch {
            return AttemptsResult(outputs: nil, error: error, attempts: 0)
        }
        // An action that models its plan (`ModelsPlan`) is called under a dry run too: it changes nothing
        // and answers from the plan's model; the others print their request and get placeholders.
        if options.dryRun && action.declaration.changesState && !(action is any ModelsPlan) {
            let plan = DryRun.plan(action, input: input)
            emitter.emit(.output(step: step.key, index: scope.index, message: plan.message))
            return AttemptsResult(outputs: plan.outputs, error: nil, attempts: 0)
        }
        if options.dryRun && !action.declaration.changesState && DryRun.containsPlaceholder(input) {
            emitter.emit(.output(step: step.key, index: scope.index, message: DryRun.skippedMessage))
            return AttemptsResult(outputs: DryRun.placeholder(for: action.declaration), error: nil, attempts: 0)
        }
        let policy = step.retry
        let calls = CallTally()
        var attempt = 0
        while true {
            attempt += 1
            let result = await runAttempt(action, input: input, attempt: attempt, scope: scope, calls: calls)
            guard case .failure(let error) = result else {
                return AttemptsResult(outputs: try? result.get(), error: nil, attempts: attempt, calls: calls.counts)
            }
            let retries =
                attempt < max(1, policy.attempts) && (policy.on == .any || error.transient) && !error.interrupted
                && !(interruptible(scope) && options.cancellation.isCancelled)
            let delay = retries ? policy.delay(afterAttempt: attempt, random: options.random()) : nil
            emitter.emit(
                .attemptFailed(
                    step: step.key, index: scope.index, attempt: attempt, error: error,
                    retryInMs: delay?.milliseconds))
            guard let delay else {
                return AttemptsResult(outputs: nil, error: error, attempts: attempt, calls: calls.counts)
            }
            if !(await pause(delay, scope: scope)) {
                var interrupted = StepError(
                    "step '\(step.key)': interrupted while waiting to retry (\(error.message))", code: "interrupted")
                interrupted.interrupted = true
                return AttemptsResult(outputs: nil, error: interrupted, attempts: attempt, calls: calls.counts)
            }
        }
    }

    private func interruptible(_ scope: AttemptScope) -> Bool { !scope.isFinally }

    /// Sleeps on the engine's clock before a retry; `false` when the run was interrupted meanwhile.
    private func pause(_ delay: Duration, scope: AttemptScope) async -> Bool {
        let clock = options.clock
        guard interruptible(scope) else {
            do { try await clock.sleep(for: delay) } catch { return false }
            return true
        }
        let cancellation = options.cancellation
        return await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                do { try await clock.sleep(for: delay) } catch { return false }
                return true
            }
            group.addTask {
                await cancellation.wait()
                return Task.isCancelled ? nil : false
            }
            var slept = false
            while let result = await group.next() {
                if let result {
                    slept = result
                    group.cancelAll()
                }
            }
            return slept && !cancellation.isCancelled
        }
    }

    /// One call of the action, bounded by the step's timeout; the action reports its requests to `calls`.
    private func runAttempt(
        _ action: any Action, input: JSON, attempt: Int, scope: AttemptScope, calls: CallTally
    ) async -> Result<JSON, StepError> {
        let emitter = emitter
        let stepKey = scope.step.key
        let index = scope.index
        let masker = masker
        let context = ActionContext(
            runID: runID, workflowName: workflow.name, stepKey: stepKey, index: index, attempt: attempt,
            recovering: scope.startedEarlier != nil, startedAt: scope.startedEarlier, dryRun: options.dryRun,
            runStatus: scope.runStatus, mask: { masker.mask($0) },
            print: { emitter.emit(.output(step: stepKey, index: index, message: $0)) },
            planned: { emitter.emit(.changePlanned(step: stepKey, index: index, change: $0)) }, calls: calls)
        let cancellation = options.cancellation
        let call: @Sendable () async -> Result<JSON, StepError> = {
            do {
                return .success(try await action.run(input, context: context))
            } catch {
                return .failure(ErrorClassifier.stepError(for: error, step: stepKey, cancellation: cancellation))
            }
        }
        guard let timeout = scope.step.timeout else { return await call() }
        return await withTaskGroup(of: Result<JSON, StepError>?.self) { group in
            group.addTask { await call() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                if Task.isCancelled { return nil }
                return .failure(
                    StepError(
                        "step '\(stepKey)': the attempt timed out after \(DurationText.describe(timeout))",
                        code: "timeout", transient: true))
            }
            var outcome: Result<JSON, StepError> = .failure(StepError("step '\(stepKey)': the attempt did not finish"))
            var decided = false
            while let result = await group.next() {
                if let result, !decided {
                    outcome = result
                    decided = true
                    group.cancelAll()
                }
            }
            return outcome
        }
    }
}
