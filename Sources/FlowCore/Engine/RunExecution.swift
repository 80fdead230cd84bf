import JSONValue

/// One run of one workflow: what every step of it needs to know. The mutable part is `RunState`.
struct RunExecution: Sendable {
    let engine: Engine
    let workflow: Workflow
    let runID: String
    let masker: SharedMasker
    let emitter: EventEmitter
    let resume: ResumeState

    var options: EngineOptions { engine.options }

    /// Before the first step: every referenced secret must be set, then `vars` are evaluated in order.
    func prepare(_ state: inout RunState) throws(StepError) {
        let missing = SecretReferences.names(in: workflow).subtracting(options.secrets.keys).sorted()
        if !missing.isEmpty {
            let list = missing.map { "'\($0)'" }.joined(separator: ", ")
            let noun = missing.count == 1 ? "the secret \(list) is" : "the secrets \(list) are"
            throw StepError("\(noun) referenced but not set: add them to the secrets file or the environment")
        }
        for variable in workflow.vars {
            do {
                state.context.vars[variable.name] = try variable.value.evaluate(in: state.context)
            } catch {
                throw StepError("vars.\(variable.name): \(error)")
            }
        }
    }

    /// Runs `steps` under the interruption watcher: once `cancellation` fires and the grace period has
    /// passed, the task running the steps is cancelled (and with it every in-flight action).
    func runMainSteps(_ state: RunState) async -> RunState {
        let cancellation = options.cancellation
        let graceDuration = options.gracePeriod
        return await withTaskGroup(of: RunState?.self) { group in
            group.addTask {
                var state = state
                await runSteps(workflow.steps, &state, isFinally: false)
                return state
            }
            group.addTask {
                await cancellation.wait()
                guard !Task.isCancelled else { return nil }
                // The grace period, cut short by `stopNow()`.
                await withTaskGroup(of: Void.self) { grace in
                    grace.addTask { try? await Task.sleep(for: graceDuration) }
                    grace.addTask { await cancellation.waitForStopNow() }
                    await grace.next()
                    grace.cancelAll()
                }
                return nil
            }
            var result = state
            while let finished = await group.next() {
                group.cancelAll()
                if let finished { result = finished }
            }
            return result
        }
    }

    func runSteps(_ steps: [Step], _ state: inout RunState, isFinally: Bool) async {
        for step in steps {
            let record = await run(step, in: state, isFinally: isFinally)
            state.record(record, for: step)
        }
    }
}

extension RunState {
    /// Adds a finished step's record and makes it visible to later steps.
    mutating func record(_ record: StepRecord, for step: Step) {
        records.append(record)
        if let id = step.id { context.steps[id] = record.contextValue }
        if record.skipReason == .interrupted || record.error?.interrupted == true { interrupted = true }
        if record.status == .failed && !step.continueOnError {
            anyFailed = true
            context.anyStepFailed = true
            if context.run["status"] != "interrupted" { context.run["status"] = "failed" }
        }
    }
}

extension StepRecord {
    /// `steps.ID`: `{outputs, status, error, results?}`.
    var contextValue: JSON {
        var members: [String: JSON] = [
            "outputs": outputs, "status": .string(status.rawValue), "error": error?.contextValue ?? .null,
        ]
        if let elements {
            members["results"] = .array(
                elements.map { element in
                    [
                        "item": element.item, "status": .string(element.status.rawValue), "outputs": element.outputs,
                        "error": element.error?.contextValue ?? .null,
                    ]
                })
        }
        return .object(members)
    }

    func masked(by masker: Masker) -> StepRecord {
        guard !masker.isEmpty else { return self }
        var copy = self
        copy.outputs = masker.mask(outputs)
        copy.error = error?.masked(by: masker)
        copy.elements = elements?.map { element in
            var element = element
            element.item = masker.mask(element.item)
            element.outputs = masker.mask(element.outputs)
            element.error = element.error?.masked(by: masker)
            return element
        }
        return copy
    }
}
