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

    @Test(arguments: StoreBackend.all)
    func aTriggersRecentRecordsAreReadNewestFirst(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        let trigger = TriggerID(workflow: "nightly", index: 0)
        #expect(try await store.records(of: trigger, limit: 10).isEmpty)
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        // Recorded out of order: a catch-up records missed times after a later fire.
        try await store.record(
            FireRecord(trigger: trigger, scheduledAt: base + 120, recordedAt: base + 121, outcome: .fired(runID: "r3")))
        try await store.record(
            FireRecord(trigger: trigger, scheduledAt: base, recordedAt: base + 200, outcome: .missed))
        try await store.record(
            FireRecord(trigger: trigger, scheduledAt: base + 60, recordedAt: base + 200, outcome: .skipped(.lockBusy)))
        try await store.record(
            FireRecord(
                trigger: TriggerID(workflow: "nightly", index: 1), scheduledAt: base + 300, recordedAt: base + 300,
                outcome: .fired(runID: "other")))
        try await store.record(
            FireRecord(
                trigger: TriggerID(workflow: "hourly", index: 0), scheduledAt: base + 300, recordedAt: base + 300,
                outcome: .missed))
        let all = try await store.records(of: trigger, limit: 10)
        #expect(all.map(\.scheduledAt) == [base + 120, base + 60, base])
        #expect(all.map(\.recordedAt) == [base + 121, base + 200, base + 200])
        #expect(all.first?.outcome == .fired(runID: "r3"))
        #expect(all.last?.outcome == .missed)
        guard case .skipped(let reason) = all[1].outcome else {
            Issue.record("the skip was not read back: \(all[1].outcome)")
            return
        }
        #expect(reason.description == SkipReason.lockBusy.description)
        #expect(try await store.records(of: trigger, limit: 2).map(\.scheduledAt) == [base + 120, base + 60])
        #expect(try await store.records(of: trigger, limit: 0).isEmpty)
        #expect(try await store.records(of: TriggerID(workflow: "nightly", index: 2), limit: 10).isEmpty)
        #expect(try await store.lastRecord(of: trigger) == all.first)
    }

    @Test(arguments: StoreBackend.all)
    func recordsOfTheSameTimeComeNewestRecordedFirst(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        let trigger = TriggerID(workflow: "nightly", index: 0)
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        try await store.record(FireRecord(trigger: trigger, scheduledAt: base, recordedAt: base, outcome: .missed))
        try await store.record(
            FireRecord(trigger: trigger, scheduledAt: base, recordedAt: base + 1, outcome: .fired(runID: "r1")))
        let records = try await store.records(of: trigger, limit: 5)
        #expect(records.map(\.outcome) == [.fired(runID: "r1"), .missed])
    }
}
