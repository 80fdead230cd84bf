import FlowCore
import FlowCoreTesting
import FlowRuntime
import Foundation
import PostgresTesting
import Testing

/// The claims of due times on PostgreSQL (docs/operations.md, "The schedulers"): a claim lasts a lease
/// (30 s here: `HAVENFLOW_LEASE` is not set in this process), its record ends it, and a stale one is
/// taken over once — fired anew, or recorded as the fire of the run its dead owner had started.
@Suite struct PostgresFireClaimsTests {
    let trigger = TriggerID(workflow: "nightly", index: 0)
    let due = Date(timeIntervalSince1970: 1_800_000_000)

    /// Two schedulers' stores on one new database ("host-a", the one that dies, and "host-b"), one clock.
    func stores() throws -> (a: PostgresStateStore, b: PostgresStateStore, clock: ManualClock) {
        let url = try PostgresServer.shared().freshURL()
        let clock = ManualClock(now: due)
        let a = try PostgresStateStore(
            address: PostgresAddress(url: url, environment: [:]), process: ProcessIdentity(pid: 101, host: "host-a"),
            clock: clock)
        let b = try PostgresStateStore(
            address: PostgresAddress(url: url, environment: [:]), process: ProcessIdentity(pid: 202, host: "host-b"),
            clock: clock)
        return (a, b, clock)
    }

    @Test func aClaimIsStaleOnlyAfterItsLeaseAndUnrecordedAndIsTakenOverOnce() async throws {
        let (a, b, clock) = try stores()
        #expect(try await a.claim(trigger, at: due))
        #expect(try await !b.claim(trigger, at: due))
        clock.advance(by: .seconds(29))
        #expect(try await b.staleClaims() == [])
        clock.advance(by: .seconds(1))
        let stale = try await b.staleClaims()
        #expect(stale == [StaleClaim(trigger: trigger, scheduledAt: due, host: "host-a", pid: 101, claimedAt: due, runID: nil)])
        // Its owner's own claims are never stale to it.
        #expect(try await a.staleClaims() == [])
        #expect(try await b.takeOver(stale[0]) == .claimed)
        // The claim is host-b's now: taking the old one over again, or the old owner naming its run, fails.
        #expect(try await b.takeOver(stale[0]) == .left)
        #expect(try await !a.bind(trigger, at: due, runID: "run-a"))
        #expect(try await b.bind(trigger, at: due, runID: "run-b"))
        #expect(try await a.staleClaims() == [])
        try await b.record(FireRecord(trigger: trigger, scheduledAt: due, recordedAt: clock.now, outcome: .fired(runID: "run-b")))
        clock.advance(by: .seconds(3600))
        #expect(try await a.staleClaims() == [])
        #expect(try await b.records(of: trigger, limit: 10).map(\.outcome) == [.fired(runID: "run-b")])
        await a.close()
        await b.close()
    }

    @Test func aStaleClaimWhoseRunStartedIsRecordedAsThatRunsFire() async throws {
        let (a, b, clock) = try stores()
        #expect(try await a.claim(trigger, at: due))
        #expect(try await a.bind(trigger, at: due, runID: "run-a"))
        try await a.register(
            RunRegistration(id: "run-a", workflow: "nightly", file: "nightly.yaml", fileHash: "h", stepKeys: ["hello"]),
            at: clock.now)
        clock.advance(by: .seconds(31))
        let stale = try await b.staleClaims()
        #expect(stale.map(\.runID) == ["run-a"])
        #expect(try await b.takeOver(stale[0]) == .recorded(runID: "run-a"))
        // The owner was only slow: its own record of the time, now host-b's, is dropped.
        try await a.record(FireRecord(trigger: trigger, scheduledAt: due, recordedAt: clock.now, outcome: .fired(runID: "run-a")))
        let records = try await b.records(of: trigger, limit: 10)
        #expect(records.map(\.outcome) == [.fired(runID: "run-a")])
        #expect(try await b.staleClaims() == [])
        #expect(try await b.takeOver(stale[0]) == .left)
        await a.close()
        await b.close()
    }

    @Test func aStaleClaimWhoseRunHoldsALiveLockIsLeftUntilTheLockRunsOut() async throws {
        let (a, b, clock) = try stores()
        #expect(try await a.claim(trigger, at: due))
        clock.advance(by: .seconds(10))
        #expect(try await a.bind(trigger, at: due, runID: "run-a"))
        clock.advance(by: .seconds(1))
        _ = try await a.acquireLock(workflow: "nightly", runID: "run-a", lease: .seconds(30))
        // The claim's lease (renewed at the bind) runs out a second before the lock's.
        clock.advance(by: .seconds(29))
        let stale = try await b.staleClaims()
        #expect(stale.map(\.runID) == ["run-a"])
        #expect(try await b.lockHolder(workflow: "nightly")?.runID == "run-a")
        #expect(try await b.takeOver(stale[0]) == .left)
        clock.advance(by: .seconds(1))
        #expect(try await b.takeOver(stale[0]) == .claimed)
        await a.close()
        await b.close()
    }
}
