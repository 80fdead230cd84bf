import FlowCore
import FlowRuntime
import Foundation
import Testing

@Suite("State store contract: scheduler fire records")
struct StateStoreFiresContract {
    @Test(arguments: StoreBackend.all)
    func theLatestRecordOfATriggerIsReadBack(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        let trigger = TriggerID(workflow: "nightly", index: 0)
        #expect(try await store.lastRecord(of: trigger) == nil)
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        try await store.record(FireRecord(trigger: trigger, scheduledAt: base, recordedAt: base, outcome: .fired(runID: "r1")))
        try await store.record(
            FireRecord(trigger: trigger, scheduledAt: base + 60, recordedAt: base + 61, outcome: .missed))
        try await store.record(
            FireRecord(
                trigger: TriggerID(workflow: "nightly", index: 1), scheduledAt: base + 120, recordedAt: base + 120,
                outcome: .fired(runID: "r2")))
        let last = try await store.lastRecord(of: trigger)
        #expect(last == FireRecord(trigger: trigger, scheduledAt: base + 60, recordedAt: base + 61, outcome: .missed))
        #expect(
            try await store.lastRecord(of: TriggerID(workflow: "nightly", index: 1))?.outcome == .fired(runID: "r2"))
        try await store.record(
            FireRecord(trigger: trigger, scheduledAt: base + 180, recordedAt: base + 180, outcome: .skipped(.lockBusy)))
        guard case .skipped(let reason) = try await store.lastRecord(of: trigger)?.outcome else {
            Issue.record("the skip was not read back")
            return
        }
        #expect(reason.description == SkipReason.lockBusy.description)
        #expect(reason.description == "the workflow's run lock was held by another process")
    }
}
