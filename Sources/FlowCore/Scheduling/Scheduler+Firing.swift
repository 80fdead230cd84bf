import Foundation
import JSONValue
import Logging

/// One `on.schedule` entry as the scheduler tracks it.
struct TriggerState {
    let workflow: Int
    let index: Int
    let id: TriggerID
    let cron: CronExpression
    let rules: TimeZoneRules
    let inputs: [String: JSON]
    /// The latest scheduled time already handled.
    var cursor: Date
    /// The first scheduled time after `cursor`.
    var next: Date?
}

extension Scheduler {
    /// Reads each trigger's last record: the times after it are due (or missed) now.
    func prepare() async {
        let now = clock.now
        for (workflowIndex, workflow) in workflows.enumerated() {
            for (index, schedule) in workflow.triggers.schedules.enumerated() {
                let id = TriggerID(workflow: workflow.name, index: index)
                var last: FireRecord?
                do { last = try await store.lastRecord(of: id) } catch {
                    storeFailed("cannot read the last fire of \(id)", error)
                }
                let zone = TimeZone(identifier: schedule.timeZone) ?? TimeZone(identifier: "UTC")!
                let rules = TimeZoneRules.rules(for: zone)
                let cursor = last?.scheduledAt ?? now.addingTimeInterval(-configuration.grace.seconds)
                triggers.append(
                    TriggerState(
                        workflow: workflowIndex, index: index, id: id, cron: schedule.cron, rules: rules,
                        inputs: schedule.inputs, cursor: cursor,
                        next: schedule.cron.nextFire(after: cursor, rules: rules)))
            }
        }
    }

    /// Handles every trigger whose next time has come.
    func processDue(now: Date) {
        for trigger in triggers.indices {
            guard let next = triggers[trigger].next, next <= now else { continue }
            let due = dueTimes(of: trigger, upTo: now)
            triggers[trigger].cursor = due.last ?? now
            triggers[trigger].next = triggers[trigger].cron.nextFire(
                after: triggers[trigger].cursor, rules: triggers[trigger].rules)
            dispatch(trigger, due: due, now: now)
        }
        stateChanged()
    }

    /// The trigger's times after its cursor up to `now`, oldest first, at most the latest `missedLimit`.
    private func dueTimes(of trigger: Int, upTo now: Date) -> [Date] {
        let state = triggers[trigger]
        let limit = max(configuration.missedLimit, 1)
        var times: [Date] = []
        var cursor = state.next
        while let time = cursor, time <= now {
            times.append(time)
            if times.count >= 2 * limit { times.removeFirst(limit) }
            cursor = state.cron.nextFire(after: time, rules: state.rules)
        }
        return Array(times.suffix(limit))
    }

    /// Sorts due times into on time and late, applies the catch-up policy to the late ones, and fires.
    private func dispatch(_ trigger: Int, due: [Date], now: Date) {
        let policy = workflows[triggers[trigger].workflow].triggers
        let grace = configuration.grace.seconds
        let onTime = due.filter { now.timeIntervalSince($0) <= grace }
        let late = due.filter { now.timeIntervalSince($0) > grace }
        let window = policy.catchupWindow?.seconds ?? .infinity
        let inWindow = late.filter { now.timeIntervalSince($0) <= window }
        var caughtUp: [Date] = []
        switch policy.catchup {
        case .none: break
        case .last: if onTime.isEmpty, let last = inWindow.last { caughtUp = [last] }
        case .all: caughtUp = inWindow
        }
        for time in late where !caughtUp.contains(time) { record(trigger, time, .missed) }
        for time in caughtUp + onTime { fire(trigger, at: time) }
    }

    /// Applies the overlap policy to one due time (`claimed`: already this scheduler's, taken over).
    func fire(_ trigger: Int, at time: Date, claimed: Bool = false) {
        let workflow = triggers[trigger].workflow
        if busy[workflow] > 0 {
            switch workflows[workflow].triggers.overlap {
            case .skip:
                let active = activeRuns[workflow]?.keys.min() ?? "(starting)"
                record(trigger, time, .skipped(.overlap(activeRun: active)))
                return
            case .queue:
                if queued[workflow] == nil {
                    queued[workflow] = (trigger, time, claimed)
                } else {
                    record(trigger, time, .skipped(.queueFull))
                }
                return
            case .allow: break
            }
        }
        busy[workflow] += 1
        totalBusy += 1
        pendingWork += 1
        spawn { scheduler in await scheduler.execute(trigger, at: time, claimed: claimed) }
    }

    /// Launches a run, records it, waits for its end, then starts the queued fire if there is one.
    private func execute(_ trigger: Int, at time: Date, claimed: Bool) async {
        var next: (trigger: Int, scheduledAt: Date, claimed: Bool)? = (trigger, time, claimed)
        while let (trigger, time, claimed) = next {
            let state = triggers[trigger]
            let workflow = state.workflow
            // Another scheduler sharing the store may have claimed this time: it fires it, not this one.
            let ours = claimed ? true : await claim(trigger, time)
            let result: LaunchResult? =
                ours
                ? await launcher.launch(workflows[workflow], trigger: state.index, inputs: state.inputs, scheduledAt: time)
                : nil
            var run: (any ActiveRun)?
            switch result {
            case nil, .claimLost:
                break
            case .started(let started):
                activeRuns[workflow, default: [:]][started.runID] = started
                run = started
                await save(trigger, time, .fired(runID: started.runID), claimed: true)
            case .lockBusy:
                await save(trigger, time, .skipped(.lockBusy), claimed: true)
            case .failed(let message):
                await save(trigger, time, .skipped(.launchFailed(message)), claimed: true)
            }
            pendingWork -= 1
            stateChanged()
            if let run {
                await run.finished()
                activeRuns[workflow]?[run.runID] = nil
                if activeRuns[workflow]?.isEmpty == true { activeRuns[workflow] = nil }
            }
            busy[workflow] -= 1
            totalBusy -= 1
            next = nil
            if busy[workflow] == 0, let waiting = queued.removeValue(forKey: workflow) {
                busy[workflow] += 1
                totalBusy += 1
                pendingWork += 1
                next = waiting
            }
            stateChanged()
        }
    }

    /// Records an outcome in the background (`claimed`: the time is already this scheduler's).
    func record(_ trigger: Int, _ time: Date, _ outcome: FireRecord.Outcome, claimed: Bool = false) {
        pendingWork += 1
        spawn { scheduler in
            await scheduler.save(trigger, time, outcome, claimed: claimed)
            scheduler.pendingWork -= 1
            scheduler.stateChanged()
        }
    }

    /// Records `outcome` of `time`, claiming the time first unless it is `claimed` already: a skip or a
    /// miss is recorded by the one scheduler that claims it, as a fire is.
    private func save(_ trigger: Int, _ time: Date, _ outcome: FireRecord.Outcome, claimed: Bool) async {
        if !claimed, await !claim(trigger, time) { return }
        let record = FireRecord(
            trigger: triggers[trigger].id, scheduledAt: time, recordedAt: clock.now, outcome: outcome)
        do {
            try await store.record(record)
            storeAnswered()
        } catch {
            storeFailed("cannot record \(outcome) of \(record.trigger) at \(time)", error)
        }
    }

    /// Whether this scheduler may handle `trigger`'s `time` (`FireStore.claim`). A claim that cannot be
    /// made (the store unreachable) is not taken: another scheduler may fire the time, and this one
    /// must not fire it twice. The time is claimed again at the next sweep, if there are sweeps.
    private func claim(_ trigger: Int, _ time: Date) async -> Bool {
        do {
            let claimed = try await store.claim(triggers[trigger].id, at: time)
            storeAnswered()
            return claimed
        } catch {
            storeFailed("cannot claim \(triggers[trigger].id) at \(time)", error)
            if configuration.claimSweep != nil { unanswered.append((trigger, time)) }
            return false
        }
    }
}
