import Foundation
import Logging

/// The sweep of schedulers sharing a store (`Configuration.claimSweep`): due times claimed by a scheduler
/// that stopped before recording them are taken over, and due times whose claim the store could not
/// answer are claimed again; and the logging of a failing store, at most once per interval.
extension Scheduler {
    /// Runs one sweep in the background.
    func sweep() {
        guard !sweeping else { return }
        sweeping = true
        pendingWork += 1
        spawn { scheduler in
            await scheduler.claimAgain()
            await scheduler.takeOverStaleClaims()
            scheduler.sweeping = false
            scheduler.pendingWork -= 1
            scheduler.stateChanged()
        }
    }

    /// Fires (or, past the grace, records missed) the due times whose claim the store did not answer.
    private func claimAgain() async {
        let times = unanswered
        unanswered = []
        let now = clock.now
        for (trigger, time) in times {
            if now.timeIntervalSince(time) <= configuration.grace.seconds {
                fire(trigger, at: time)
            } else {
                record(trigger, time, .missed)
            }
        }
    }

    /// Takes over the stale claims of this scheduler's triggers: fires each one taken (or records it
    /// missed when it is past the grace), and leaves those whose run had started recorded as fired.
    func takeOverStaleClaims() async {
        let claims: [StaleClaim]
        do {
            claims = try await store.staleClaims()
            storeAnswered()
        } catch {
            storeFailed("cannot look for stale claims of due times", error)
            return
        }
        for claim in claims {
            guard !stopping, let trigger = triggers.firstIndex(where: { $0.id == claim.trigger }) else { continue }
            let owner = "\(claim.host) (pid \(claim.pid))"
            let outcome: ClaimTakeover
            do {
                outcome = try await store.takeOver(claim)
            } catch {
                storeFailed("cannot take over \(claim.trigger) at \(claim.scheduledAt) from \(owner)", error)
                return
            }
            switch outcome {
            case .left:
                continue
            case .recorded(let runID):
                logger.notice(
                    "\(claim.trigger) at \(claim.scheduledAt): claimed by \(owner), which stopped before recording its fire; its run \(runID) had started and is recorded as the fire")
            case .claimed:
                let late = clock.now.timeIntervalSince(claim.scheduledAt) > configuration.grace.seconds
                let action = late ? "recorded missed (past the grace)" : "fired here"
                logger.notice(
                    "\(claim.trigger) at \(claim.scheduledAt): claimed by \(owner), which stopped before starting a run; taken over and \(action)")
                if late { record(trigger, claim.scheduledAt, .missed, claimed: true) } else { fire(trigger, at: claim.scheduledAt, claimed: true) }
            }
        }
        stateChanged()
    }

    /// Logs a failure of the store, at most once per `failureLogInterval` (the first at once, each later
    /// line with how many calls failed since the last), so that an unreachable database gives one line a
    /// minute rather than one per due time. The calls go on being made: each is another try.
    func storeFailed(_ what: String, _ error: any Error) {
        failureLog.sinceLogged += 1
        failureLog.sinceAnswered += 1
        let now = clock.now
        if let logged = failureLog.loggedAt, now.timeIntervalSince(logged) < configuration.failureLogInterval.seconds {
            return
        }
        let others = failureLog.sinceLogged - 1
        let since = others > 0 ? " (and \(others) other failed call\(others == 1 ? "" : "s") since the last such line)" : ""
        let interval = Int(configuration.failureLogInterval.seconds)
        logger.error(
            "the state store failed: \(what): \(error)\(since); trying again, and logging this at most once every \(interval) s")
        failureLog.loggedAt = now
        failureLog.sinceLogged = 0
    }

    /// Notes that the store answered: after failures, says so once.
    func storeAnswered() {
        guard failureLog.sinceAnswered > 0 else { return }
        logger.notice("the state store answers again, after \(failureLog.sinceAnswered) failed call(s)")
        failureLog = (nil, 0, 0)
    }
}
