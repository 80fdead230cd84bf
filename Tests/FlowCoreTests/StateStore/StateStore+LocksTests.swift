import FlowCore
import Foundation
import Testing

@Suite("State store: run locks")
struct StateStoreLocksTests {
    @Test func aFreeLockIsTakenAndReleased() throws {
        let store = try StateStore(directory: temporaryStateDirectory())
        #expect(try store.acquireLock(workflow: "w", runID: "r1") == .acquired(tookOver: nil))
        #expect(try store.lockHolder(workflow: "w")?.runID == "r1")
        #expect(try store.lockHolder(workflow: "w")?.pid == getpid())
        try store.releaseLock(workflow: "w", runID: "r1")
        #expect(try store.lockHolder(workflow: "w") == nil)
    }

    @Test func aLockHeldByALiveProcessIsRespected() throws {
        let path = temporaryStateDirectory() + ".sqlite"
        // pid 1 is alive on every host.
        let other = try StateStore(path: path, process: ProcessIdentity(pid: 1, host: ProcessIdentity.current.host))
        _ = try other.acquireLock(workflow: "w", runID: "theirs")
        let store = try StateStore(path: path)
        guard case .held(let holder) = try store.acquireLock(workflow: "w", runID: "mine") else {
            Issue.record("the lock was taken from a live process")
            return
        }
        #expect(holder.runID == "theirs")
        #expect(holder.pid == 1)
        #expect(holder.description.hasPrefix("run theirs (pid 1 on \(ProcessIdentity.current.host), since "))
        try store.releaseLock(workflow: "w", runID: "mine")
        #expect(try store.lockHolder(workflow: "w")?.runID == "theirs")
        #expect(try store.acquireLock(workflow: "other", runID: "mine") == .acquired(tookOver: nil))
    }

    @Test func aLockOfADeadProcessIsTakenOver() throws {
        let path = temporaryStateDirectory() + ".sqlite"
        let dead = try StateStore(path: path, process: ProcessIdentity(pid: deadPID, host: ProcessIdentity.current.host))
        _ = try dead.acquireLock(workflow: "w", runID: "stale")
        // The process dies after the sweep of this store's opening: the lock is taken over at acquisition.
        let store = try StateStore(path: path)
        _ = try dead.acquireLock(workflow: "w", runID: "stale")
        guard case .acquired(let stale) = try store.acquireLock(workflow: "w", runID: "fresh") else {
            Issue.record("a stale lock was respected")
            return
        }
        #expect(stale?.runID == "stale")
        #expect(try store.lockHolder(workflow: "w")?.runID == "fresh")
    }

    @Test func aLockFromAnotherHostIsRespectedEvenIfItsPidIsUnknownHere() throws {
        let path = temporaryStateDirectory() + ".sqlite"
        let remote = try StateStore(path: path, process: ProcessIdentity(pid: deadPID, host: "elsewhere"))
        _ = try remote.acquireLock(workflow: "w", runID: "remote")
        let store = try StateStore(path: path)
        let holder = try #require(try store.lockHolder(workflow: "w"))
        #expect(try store.acquireLock(workflow: "w", runID: "mine") == .held(by: holder))
    }
}
