import JSONValue

extension RunExecution {
    /// Runs the action once per element, at most `concurrency` at a time (never more tasks than that in
    /// flight), in a task group; records each element and the step (`outputs` in element order).
    func runForEach(
        _ step: Step, _ forEach: ForEach, action: any Action, state: RunState, isFinally: Bool,
        into record: inout StepRecord
    ) async {
        let items: [JSON]
        do {
            let value = try forEach.items.evaluate(in: state.context)
            emitter.emit(
                .stepStarted(step: step.key, action: step.action, name: step.name, items: value.arrayValue?.count))
            guard let list = value.arrayValue else {
                let source = forEach.items.expressions.first.map { " (${{ \($0.source) }})" } ?? ""
                record.status = .failed
                record.error = StepError(
                    "step '\(step.key)': for_each\(source) must give a list, but it gave \(value.article)")
                return
            }
            items = list
        } catch {
            emitter.emit(.stepStarted(step: step.key, action: step.action, name: step.name, items: nil))
            record.status = .failed
            record.error = StepError("step '\(step.key)': for_each could not be evaluated: \(error)")
            return
        }

        let concurrency = max(1, min(forEach.concurrency, options.maxConcurrency))
        let done = resume.succeededElements[step.key] ?? [:]
        let startedEarlier = resume.startedElements[step.key] ?? [:]
        let scope = AttemptScope(step: step, index: nil, isFinally: isFinally, runStatus: state.runStatus)
        var results = [ElementRecord?](repeating: nil, count: items.count)
        var stopReason: StepSkipReason?

        await withTaskGroup(of: ElementRecord.self) { group in
            var next = 0
            var running = 0
            func finish(_ element: ElementRecord, recorded: Bool = false) {
                results[element.index] = element
                if element.status == .failed && forEach.failFast && stopReason == nil { stopReason = .failFast }
                if !recorded { emitter.emit(itemEvent(step, element)) }
            }
            func fill() {
                while running < concurrency && next < items.count && stopReason == nil {
                    if (!isFinally && options.cancellation.isCancelled) || options.cancellation.isStoppingNow {
                        stopReason = .interrupted
                        break
                    }
                    let index = next
                    next += 1
                    if let outputs = done[index] {
                        finish(
                            ElementRecord(
                                index: index, item: items[index], status: .succeeded, outputs: outputs, resumed: true))
                        continue
                    }
                    var context = state.context
                    context.item = items[index]
                    context.index = index
                    context.itemAlias = forEach.alias
                    if let filter = forEach.filter {
                        do {
                            guard try filter.evaluate(in: context).truthy else {
                                finish(
                                    ElementRecord(
                                        index: index, item: items[index], status: .skipped, skipReason: .filtered))
                                continue
                            }
                        } catch {
                            let failure = StepError(
                                "step '\(step.key)': element \(index): where could not be evaluated: \(error)")
                            finish(ElementRecord(index: index, item: items[index], status: .failed, error: failure))
                            continue
                        }
                    }
                    running += 1
                    var elementScope = scope
                    elementScope.index = index
                    elementScope.startedEarlier = startedEarlier[index]
                    group.addTask { [context, elementScope] in
                        let start = ContinuousClock.now
                        // On disk before the action is called, so that `resume` after a kill knows this
                        // element may have changed something (an element started earlier keeps its record).
                        if elementScope.startedEarlier == nil && !options.dryRun {
                            await emitter.emitDurably(.itemStarted(step: step.key, index: index))
                        }
                        let result = await runAction(action, step: step, context: context, scope: elementScope)
                        let element = ElementRecord(
                            index: index, item: items[index], status: result.error == nil ? .succeeded : .failed,
                            attempts: result.attempts, outputs: result.outputs ?? .null, error: result.error,
                            duration: ContinuousClock.now - start, calls: result.calls)
                        // Recorded here, in the element's own task, so that elements finishing together
                        // share a commit; the element is done only once it is recorded.
                        await emitter.emitDurably(itemEvent(step, element))
                        return element
                    }
                }
            }
            fill()
            while let element = await group.next() {
                running -= 1
                finish(element, recorded: true)
                fill()
            }
        }

        var elements: [ElementRecord] = []
        elements.reserveCapacity(items.count)
        for (index, element) in results.enumerated() {
            if let element {
                elements.append(element)
            } else {
                let skipped = ElementRecord(index: index, item: items[index], status: .skipped, skipReason: stopReason)
                emitter.emit(itemEvent(step, skipped))
                elements.append(skipped)
            }
        }
        record.elements = elements
        record.outputs = .array(elements.map { $0.status == .succeeded ? $0.outputs : .null })
        record.attempts = elements.reduce(0) { $0 + $1.attempts }
        for element in elements where !element.calls.isEmpty { record.calls.add(element.calls) }
        let failed = elements.filter { $0.status == .failed }
        if stopReason == .interrupted || failed.contains(where: { $0.error?.interrupted == true }) {
            record.status = .failed
            var error = StepError("step '\(step.key)': interrupted before every element ran", code: "interrupted")
            error.interrupted = true
            record.error = error
        } else if let first = failed.first {
            record.status = .failed
            let count = failed.count == 1 ? "1 element" : "\(failed.count) elements"
            record.error = StepError(
                "step '\(step.key)': \(count) of \(items.count) failed; first, element \(first.index): \(first.error?.message ?? "failed")",
                code: first.error?.code, detail: first.error?.detail)
        } else {
            record.status = .succeeded
        }
    }

    private func itemEvent(_ step: Step, _ element: ElementRecord) -> RunEvent.Kind {
        .itemFinished(
            RunEvent.ItemResult(
                step: step.key, index: element.index, status: element.status, outputs: element.outputs,
                error: element.error, attempts: element.attempts, durationMs: element.duration.milliseconds,
                reason: element.skipReason, resumed: element.resumed, calls: element.calls))
    }
}
