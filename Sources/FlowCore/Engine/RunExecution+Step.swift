import JSONValue

extension RunExecution {
    /// Runs one step (or skips it, or takes it from `resume`) and reports it.
    func run(_ step: Step, in state: RunState, isFinally: Bool) async -> StepRecord {
        let start = ContinuousClock.now
        var record = StepRecord(
            key: step.key, id: step.id, title: step.title, action: step.action, status: .skipped,
            isFinally: isFinally)

        if let outputs = resume.succeededSteps[step.key] {
            record.status = .succeeded
            record.outputs = outputs
            record.resumed = true
            if let forEach = step.forEach { record.elements = resumedElements(forEach, outputs: outputs, state) }
        } else if !isFinally && options.cancellation.isCancelled {
            record.skipReason = .interrupted
        } else {
            switch decide(step, state, isFinally: isFinally) {
            case .skip(let reason):
                record.skipReason = reason
            case .fail(let error):
                record.status = .failed
                record.error = error
            case .run:
                if step.forEach == nil {
                    emitter.emit(.stepStarted(step: step.key, action: step.action, name: step.name, items: nil))
                }
                if let action = engine.registry.action(named: step.action) {
                    if let forEach = step.forEach {
                        await runForEach(
                            step, forEach, action: action, state: state, isFinally: isFinally, into: &record)
                    } else {
                        let scope = AttemptScope(
                            step: step, index: nil, isFinally: isFinally, runStatus: state.runStatus,
                            startedEarlier: resume.startedSteps[step.key])
                        let result = await runAction(action, step: step, context: state.context, scope: scope)
                        record.status = result.error == nil ? .succeeded : .failed
                        record.attempts = result.attempts
                        record.outputs = result.outputs ?? .null
                        record.error = result.error
                        record.calls = result.calls
                    }
                } else {
                    record.status = .failed
                    record.error = StepError("step '\(step.key)': no action named '\(step.action)' is registered")
                }
            }
        }
        record.duration = ContinuousClock.now - start
        emitter.emit(
            .stepFinished(
                RunEvent.StepResult(
                    step: step.key, action: step.action, status: record.status, outputs: record.outputs,
                    error: record.error, attempts: record.attempts, durationMs: record.duration.milliseconds,
                    reason: record.skipReason, items: record.elements.map(Self.counts), resumed: record.resumed,
                    isFinally: isFinally, calls: record.calls)))
        return record
    }

    private enum Decision {
        case run
        case skip(StepSkipReason)
        case fail(StepError)
    }

    /// The `if`: an implicit `success()` in `steps`, an implicit `always()` in `finally`.
    private func decide(_ step: Step, _ state: RunState, isFinally: Bool) -> Decision {
        guard let condition = step.condition else {
            return !isFinally && state.anyFailed ? .skip(.earlierFailure) : .run
        }
        if !isFinally && state.anyFailed && !condition.usesStatusFunction { return .skip(.earlierFailure) }
        do {
            return try condition.evaluate(in: state.context).truthy ? .run : .skip(.condition)
        } catch {
            return .fail(StepError("step '\(step.key)': its if condition could not be evaluated: \(error)"))
        }
    }

    /// A resumed `for_each` step's element records, from its recorded outputs.
    private func resumedElements(_ forEach: ForEach, outputs: JSON, _ state: RunState) -> [ElementRecord] {
        let items = (try? forEach.items.evaluate(in: state.context))?.arrayValue ?? []
        return (outputs.arrayValue ?? []).enumerated().map { index, output in
            ElementRecord(
                index: index, item: index < items.count ? items[index] : .null, status: .succeeded, outputs: output,
                resumed: true)
        }
    }

    static func counts(_ elements: [ElementRecord]) -> [StepStatus: Int] {
        elements.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
    }

    /// The step's inputs evaluated in `context`, with the declaration's defaults for those not given.
    /// Values of inputs declared `secret` are masked from now on.
    func evaluateInputs(_ step: Step, _ declaration: ActionDeclaration, in context: EvaluationContext)
        throws(StepError) -> JSON
    {
        var members: [String: JSON] = [:]
        members.reserveCapacity(step.inputs.count)
        for input in step.inputs {
            do {
                members[input.name] = try input.value.evaluate(in: context)
            } catch {
                throw StepError("step '\(step.key)': input '\(input.name)' could not be evaluated: \(error)")
            }
        }
        for spec in declaration.inputs {
            if members[spec.name] == nil, let value = spec.defaultValue { members[spec.name] = value }
            if let value = members[spec.name] { members[spec.name] = spec.normalized(value) }
            if spec.secret, let value = members[spec.name] { masker.add(value.strings) }
        }
        return .object(members)
    }
}

extension RunState {
    /// `run.status` as actions see it.
    var runStatus: String { context.run["status"]?.stringValue ?? "succeeded" }
}

extension JSON {
    /// Every string inside the value.
    var strings: [String] {
        switch self {
        case .string(let value): [value]
        case .array(let elements): elements.flatMap(\.strings)
        case .object(let members): members.values.flatMap(\.strings)
        case .null, .bool, .number: []
        }
    }
}

extension StepError {
    /// A step or element the run stopped at once (`RunCancellation.stopNow`) after its start was
    /// recorded — or could not be — and before its action was called.
    static func notStarted(step: String, index: Int? = nil) -> StepError {
        let what = index.map { "step '\(step)': element \($0)" } ?? "step '\(step)'"
        var error = StepError("\(what): interrupted before its action was called", code: "interrupted")
        error.interrupted = true
        return error
    }
}
