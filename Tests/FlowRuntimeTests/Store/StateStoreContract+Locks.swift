import FlowCore
import FlowCoreTesting
import FlowRuntime
import Foundation
import Testing

@Suite("State store contract: run locks")
struct StateStoreLocksContract {
    @Test(arguments: StoreBackend.all)
    func aFreeLockIsTakenRenewedAndReleased(_ backend: StoreBackend) async throws {
        let clock = ManualClock(now: leaseEpoch)
        let store = try await backend.open(try await backend.makeLocation(), clock: clock)
        #expect(try await store.acquireLock(workflow: "w", runID: "r1", lease: .seconds(30)) == .acquired(tookOver: nil))
        let holder = try #require(try await store.lockHolder(workflow: "w"))
        #expect(holder.runID == "r1")
        #expect(holder.pid == getpid())
        #expect(holder.host == ProcessIdentity.current.host)
        #expect(holder.acquiredAt == leaseEpoch)
        #expect(holder.expiresAt == leaseEpoch + 30)
        clock.advance(by: .seconds(10))
        try await store.renewLock(workflow: "w", runID: "r1", lease: .seconds(30))
        #expect(try await store.lockHolder(workflow: "w")?.expiresAt == leaseEpoch + 40)
        try await store.releaseLock(workflow: "w", runID: "r1")
        #expect(try await store.lockHolder(workflow: "w") == nil)
    }

    @Test(arguments: StoreBackend.all)
    func aLockHeldByALiveProcessIsRespectedWhateverItsLease(_ backend: StoreBackend) async throws {
        let clock = ManualClock(now: leaseEpoch)
        let location = try await backend.makeLocation()
        // pid 1 is alive on every host.
        let other = try await backend.open(location, as: .local(pid: 1), clock: clock)
        _ = try await other.acquireLock(workflow: "w", runID: "theirs", lease: .seconds(30))
        let store = try await backend.open(location, clock: clock)
        clock.advance(by: .seconds(3600))
        guard case .held(let holder) = try await store.acquireLock(workflow: "w", runID: "mine", lease: .seconds(30)) else {
            Issue.record("the lock was taken from a live process")
            return
        }
        #expect(holder.runID == "theirs")
        #expect(holder.pid == 1)
        #expect(holder.description == "run theirs (pid 1 on \(ProcessIdentity.current.host), since 2027-01-15T08:00:00.000Z)")
        try await store.releaseLock(workflow: "w", runID: "mine")
        #expect(try await store.lockHolder(workflow: "w")?.runID == "theirs")
        #expect(try await store.acquireLock(workflow: "other", runID: "mine", lease: .seconds(30)) == .acquired(tookOver: nil))
    }

    /// A holder on this host whose process died loses the lock at once, lease or not, and its run is
    /// marked interrupted.
    @Test(arguments: StoreBackend.all)
    func aLockOfADeadProcessIsTakenOverAtOnce(_ backend: StoreBackend) async throws {
        let location = try await backend.makeLocation()
        let dead = try await backend.open(location, as: .local(pid: deadPID))
        // The process dies after the sweep of this store's opening: the lock is taken over at acquisition.
        let store = try await backend.open(location)
        try await dead.register(registration("stale"))
        _ = try await dead.acquireLock(workflow: "w", runID: "stale", lease: .seconds(3600))
        guard case .acquired(let stale) = try await store.acquireLock(workflow: "w", runID: "fresh", lease: .seconds(30)) else {
            Issue.record("a stale lock was respected")
            return
        }
        #expect(stale?.runID == "stale")
        #expect(stale?.pid == deadPID)
        #expect(try await store.lockHolder(workflow: "w")?.runID == "fresh")
        #expect(try await store.run("stale").summary.status == .interrupted)
    }

    /// A holder on another host cannot be checked: it holds the lock until its lease runs out, then loses
    /// it (and its run is marked interrupted); renewing then fails with a sentence.
    @Test(arguments: StoreBackend.all)
    func aLockFromAnotherHostHoldsUntilItsLeaseRunsOut(_ backend: StoreBackend) async throws {
        let clock = ManualClock(now: leaseEpoch)
        let location = try await backend.makeLocation()
        let remote = try await backend.open(location, as: ProcessIdentity(pid: deadPID, host: "elsewhere"), clock: clock)
        try await remote.register(registration("remote"))
        _ = try await remote.acquireLock(workflow: "w", runID: "remote", lease: .seconds(30))
        let store = try await backend.open(location, clock: clock)
        clock.advance(by: .seconds(20))
        try await remote.renewLock(workflow: "w", runID: "remote", lease: .seconds(30))
        clock.advance(by: .seconds(29))
        let holder = try #require(try await store.lockHolder(workflow: "w"))
        #expect(holder.expiresAt == leaseEpoch + 50)
        #expect(try await store.acquireLock(workflow: "w", runID: "mine", lease: .seconds(30)) == .held(by: holder))
        #expect(try await store.run("remote").summary.status == .running)

        clock.advance(by: .seconds(1))
        #expect(try await store.acquireLock(workflow: "w", runID: "mine", lease: .seconds(30)) == .acquired(tookOver: holder))
        #expect(try await store.run("remote").summary.status == .interrupted)
        let error = await #expect(throws: StateStoreError.self) {
            try await remote.renewLock(workflow: "w", runID: "remote", lease: .seconds(30))
        }
        #expect(error?.isLeaseLost == true)
        #expect(
            error?.description
                == "the run lock of workflow 'w' is no longer held by run remote: its lease ran out and another "
                + "process took it over, or it was freed by hand")
        #expect(try await store.lockHolder(workflow: "w")?.runID == "mine")
    }

    /// A run that holds the lock may take it again (a resume in the same process).
    @Test(arguments: StoreBackend.all)
    func aLockHeldByThisProcessIsTakenAgain(_ backend: StoreBackend) async throws {
        let store = try await backend.fresh()
        _ = try await store.acquireLock(workflow: "w", runID: "r", lease: .seconds(30))
        #expect(try await store.acquireLock(workflow: "w", runID: "r", lease: .seconds(30)) == .acquired(tookOver: nil))
    }
}
