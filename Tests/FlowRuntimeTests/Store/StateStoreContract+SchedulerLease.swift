import FlowCore
import FlowCoreTesting
import FlowRuntime
import Foundation
import Testing

/// The scheduler's exclusivity: one scheduler per store, as `flock` on `STATE_DIR/scheduler.lock` was.
@Suite("State store contract: the scheduler lease")
struct StateStoreSchedulerLeaseContract {
    @Test(arguments: StoreBackend.all)
    func aSecondSchedulerFindsTheLeaseHeldUntilItIsReleased(_ backend: StoreBackend) async throws {
        let clock = ManualClock(now: leaseEpoch)
        let location = try await backend.makeLocation()
        let first = try await backend.open(location, clock: clock)
        // pid 1 is alive on every host.
        let second = try await backend.open(location, as: .local(pid: 1), clock: clock)
        #expect(try await first.acquireSchedulerLease(lease: .seconds(30)) == .acquired(tookOver: nil))
        clock.advance(by: .seconds(3600))
        guard case .held(let holder) = try await second.acquireSchedulerLease(lease: .seconds(30)) else {
            Issue.record("a second scheduler took the lease of a live one")
            return
        }
        #expect(holder.pid == getpid())
        #expect(holder.host == ProcessIdentity.current.host)
        #expect(holder.description == "pid \(getpid()) on \(ProcessIdentity.current.host), since 2027-01-15T08:00:00.000Z")

        try await second.releaseSchedulerLease()
        #expect(try await second.acquireSchedulerLease(lease: .seconds(30)) == .held(by: holder))
        try await first.releaseSchedulerLease()
        #expect(try await second.acquireSchedulerLease(lease: .seconds(30)) == .acquired(tookOver: nil))
        #expect(try await first.acquireSchedulerLease(lease: .seconds(30)) != .acquired(tookOver: nil))
    }

    /// A scheduler killed on this host (SIGKILL: it released nothing) does not block the next one.
    @Test(arguments: StoreBackend.all)
    func aKilledSchedulerIsTakenOverAtOnce(_ backend: StoreBackend) async throws {
        let location = try await backend.makeLocation()
        let killed = try await backend.open(location, as: .local(pid: deadPID))
        let store = try await backend.open(location)
        _ = try await killed.acquireSchedulerLease(lease: .seconds(3600))
        guard case .acquired(let stale) = try await store.acquireSchedulerLease(lease: .seconds(30)) else {
            Issue.record("the lease of a killed scheduler was respected")
            return
        }
        #expect(stale?.pid == deadPID)
        // Opening the store frees it too.
        _ = try await killed.acquireSchedulerLease(lease: .seconds(3600))
        _ = try await backend.open(location)
        #expect(try await store.acquireSchedulerLease(lease: .seconds(30)) == .acquired(tookOver: nil))
    }

    @Test(arguments: StoreBackend.all)
    func aSchedulerOnAnotherHostHoldsTheLeaseUntilItRunsOut(_ backend: StoreBackend) async throws {
        let clock = ManualClock(now: leaseEpoch)
        let location = try await backend.makeLocation()
        let remote = try await backend.open(location, as: ProcessIdentity(pid: deadPID, host: "elsewhere"), clock: clock)
        let store = try await backend.open(location, clock: clock)
        _ = try await remote.acquireSchedulerLease(lease: .seconds(30))
        clock.advance(by: .seconds(20))
        try await remote.renewSchedulerLease(lease: .seconds(30))
        clock.advance(by: .seconds(29))
        guard case .held(let holder) = try await store.acquireSchedulerLease(lease: .seconds(30)) else {
            Issue.record("the lease of a scheduler on another host was taken within its lease")
            return
        }
        #expect(holder.host == "elsewhere")
        #expect(holder.expiresAt == leaseEpoch + 50)

        clock.advance(by: .seconds(1))
        #expect(try await store.acquireSchedulerLease(lease: .seconds(30)) == .acquired(tookOver: holder))
        let error = await #expect(throws: StateStoreError.self) { try await remote.renewSchedulerLease(lease: .seconds(30)) }
        #expect(error?.isLeaseLost == true)
        #expect(
            error?.description
                == "the scheduler lease of the state database \(store.location) is no longer held by this process: "
                + "it ran out and another scheduler took it over, or it was freed by hand")
        try await store.renewSchedulerLease(lease: .seconds(30))
    }
}
