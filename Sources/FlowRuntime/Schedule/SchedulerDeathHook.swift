import FlowCore
import Foundation
import JSONValue

/// `HAVENFLOW_TEST_DIE_AFTER_CLAIM`, for tests only (docs/operations.md): makes the scheduler kill itself
/// with SIGKILL between claiming a due time and recording its fire, as a host that dies would —
/// `claim`: right after its first successful claim, before it starts a run; `launch`: right after its
/// first run has started, before the fire is recorded. Unset (or any other value): no effect.
enum SchedulerDeathHook {
    static func apply(
        _ environment: [String: String], store: any FireStore, launcher: any WorkflowLauncher
    ) -> (store: any FireStore, launcher: any WorkflowLauncher) {
        switch environment["HAVENFLOW_TEST_DIE_AFTER_CLAIM"] {
        case "claim": (DyingAfterClaim(store: store), launcher)
        case "launch": (store, DyingAfterLaunch(launcher: launcher))
        default: (store, launcher)
        }
    }

    static func die() -> Never {
        kill(getpid(), SIGKILL)
        _exit(137)
    }
}

/// A fire store whose first successful claim kills the process.
private struct DyingAfterClaim: FireStore {
    let store: any FireStore

    func claim(_ trigger: TriggerID, at scheduledAt: Date) async throws -> Bool {
        let claimed = try await store.claim(trigger, at: scheduledAt)
        if claimed { SchedulerDeathHook.die() }
        return claimed
    }

    func record(_ record: FireRecord) async throws { try await store.record(record) }
    func lastRecord(of trigger: TriggerID) async throws -> FireRecord? { try await store.lastRecord(of: trigger) }
    func records(of trigger: TriggerID, limit: Int) async throws -> [FireRecord] {
        try await store.records(of: trigger, limit: limit)
    }
    func bind(_ trigger: TriggerID, at scheduledAt: Date, runID: String) async throws -> Bool {
        try await store.bind(trigger, at: scheduledAt, runID: runID)
    }
    func staleClaims() async throws -> [StaleClaim] { try await store.staleClaims() }
    func takeOver(_ claim: StaleClaim) async throws -> ClaimTakeover { try await store.takeOver(claim) }
}

/// A launcher whose first started run kills the process (the run goes on: it is in a process group of
/// its own).
private struct DyingAfterLaunch: WorkflowLauncher {
    let launcher: any WorkflowLauncher

    func launch(_ workflow: ScheduledWorkflow, trigger: Int, inputs: [String: JSON], scheduledAt: Date) async
        -> LaunchResult
    {
        let result = await launcher.launch(workflow, trigger: trigger, inputs: inputs, scheduledAt: scheduledAt)
        if case .started = result { SchedulerDeathHook.die() }
        return result
    }
}
