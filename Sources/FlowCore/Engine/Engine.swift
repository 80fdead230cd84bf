import Foundation
import JSONValue

/// Runs workflows: steps in order through the action registry, with the semantics of the workflow format
/// (`if`, `for_each`, `retry`, `timeout`, `continue_on_error`, `finally`), reporting every event to its
/// observers (masked).
public struct Engine: Sendable {
    public let registry: ActionRegistry
    public let observers: [any RunObserver]
    public let options: EngineOptions

    public init(registry: ActionRegistry, observers: [any RunObserver] = [], options: EngineOptions = EngineOptions()) {
        self.registry = registry
        self.observers = observers
        self.options = options
    }

    /// Runs `workflow` with bound `inputs` (see `InputBinder`). Never throws: every failure is recorded in
    /// the outcome and the events. With `resume`, succeeded steps and elements are not run again.
    ///
    /// Cancelling the calling task interrupts the run like `options.cancellation` does.
    public func run(
        _ workflow: Workflow, inputs: [String: JSON], runID: String? = nil, resume: ResumeState? = nil
    ) async -> RunOutcome {
        let cancellation = options.cancellation
        return await withTaskCancellationHandler {
            await execute(workflow, inputs: inputs, runID: runID, resume: resume)
        } onCancel: {
            cancellation.cancel()
        }
    }

    private func execute(
        _ workflow: Workflow, inputs: [String: JSON], runID: String?, resume: ResumeState?
    ) async -> RunOutcome {
        let runID = runID ?? RunID.make()
        let startedAt = Date()
        let start = ContinuousClock.now
        let masker = SharedMasker(Masker(secrets: Array(options.secrets.values) + options.maskedValues))
        let emitter = EventEmitter(runID: runID, observers: observers, masker: masker)
        let execution = RunExecution(
            engine: self, workflow: workflow, runID: runID, masker: masker, emitter: emitter,
            resume: resume ?? ResumeState())
        emitter.emit(.runStarted(workflow: workflow.name, file: workflow.file, inputs: inputs))

        var state = RunState(
            context: EvaluationContext(
                inputs: inputs, env: options.env, secrets: options.secrets,
                run: [
                    "id": .string(runID), "name": .string(workflow.name), "status": "succeeded",
                    "started_at": .string(Timestamp.rfc3339(startedAt)),
                ]))
        var runError: StepError?
        do throws(StepError) {
            try execution.prepare(&state)
            state = await execution.runMainSteps(state)
            if state.interrupted { state.context.run["status"] = "interrupted" }
            // A second interrupt stops at once: `finally` does not run.
            if !options.cancellation.isStoppingNow {
                await execution.runSteps(workflow.finally, &state, isFinally: true)
            }
        } catch {
            runError = error
            state.anyFailed = true
        }

        let status: RunStatus = state.interrupted ? .interrupted : (state.anyFailed ? .failed : .succeeded)
        let current = masker.current
        let records = state.records.map { $0.masked(by: current) }
        let duration = ContinuousClock.now - start
        let outcome = RunOutcome(
            runID: runID, status: status, steps: records, duration: duration, error: runError?.masked(by: current))
        emitter.emit(
            .runFinished(
                status: status, counts: outcome.counts, durationMs: duration.milliseconds, error: runError))
        await emitter.finish()
        return outcome
    }
}

/// The mutable part of a run, owned by the task that runs the steps.
struct RunState: Sendable {
    var context: EvaluationContext
    var records: [StepRecord] = []
    /// A step failed without `continue_on_error`.
    var anyFailed = false
    /// Something was skipped or cut short by the interruption.
    var interrupted = false
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
