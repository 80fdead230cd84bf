import FlowCore
import Foundation
import Testing

@Suite("Process identity: a reused pid is not the process that recorded it")
struct ProcessIdentityTests {
    @Test func thisProcessHasAStartTokenThatMatchesItself() throws {
        let current = ProcessIdentity.current
        let token = try #require(current.started)
        #expect(token == ProcessIdentity.startToken(of: getpid()))
        #expect(token.split(separator: "/").count == 2)
        #expect(ProcessIdentity.isAlive(pid: getpid(), started: token))
        #expect(ProcessIdentity.isAlive(pid: getpid(), started: nil))
        #expect(!ProcessIdentity.isAlive(pid: getpid(), started: "another-boot/1"))
        #expect(!ProcessIdentity.isAlive(pid: deadPID, started: nil))
    }

    /// pid 1 is alive on every host; recorded with another start, it stands for a process that is gone.
    @Test func aLockWhosePidWasReusedIsTakenOver() throws {
        let path = temporaryStateDirectory() + ".sqlite"
        let reused = ProcessIdentity(pid: 1, host: ProcessIdentity.current.host, started: "another-boot/1")
        let old = try StateStore(path: path, process: reused)
        _ = try old.acquireLock(workflow: "w", runID: "before-reboot")
        _ = try StateStore(path: path)  // its sweep frees the lock
        #expect(try old.lockHolder(workflow: "w") == nil)

        _ = try old.acquireLock(workflow: "w", runID: "before-reboot")
        let store = try StateStore(path: path, process: ProcessIdentity.current)
        _ = try old.acquireLock(workflow: "w", runID: "before-reboot")
        guard case .acquired(let stale) = try store.acquireLock(workflow: "w", runID: "now") else {
            Issue.record("a lock of a reused pid was respected")
            return
        }
        #expect(stale?.runID == "before-reboot")
    }

    @Test func aLockOfPidOneWithItsTrueStartIsRespected() throws {
        let path = temporaryStateDirectory() + ".sqlite"
        let live = ProcessIdentity(pid: 1, host: ProcessIdentity.current.host, started: ProcessIdentity.startToken(of: 1))
        _ = try StateStore(path: path, process: live).acquireLock(workflow: "w", runID: "theirs")
        let store = try StateStore(path: path)
        let holder = try #require(try store.lockHolder(workflow: "w"))
        #expect(try store.acquireLock(workflow: "w", runID: "mine") == .held(by: holder))
    }

    @Test func aRunWhosePidWasReusedIsMarkedInterrupted() throws {
        let path = temporaryStateDirectory() + ".sqlite"
        let reused = ProcessIdentity(pid: 1, host: ProcessIdentity.current.host, started: "another-boot/1")
        try StateStore(path: path, process: reused)
            .register(RunRegistration(id: "gone", workflow: "w", file: "/w.yaml", fileHash: "h", stepKeys: []))
        let live = ProcessIdentity(pid: 1, host: ProcessIdentity.current.host, started: ProcessIdentity.startToken(of: 1))
        try StateStore(path: path, process: live)
            .register(RunRegistration(id: "alive", workflow: "v", file: "/v.yaml", fileHash: "h", stepKeys: []))

        let reopened = try StateStore(path: path)
        #expect(try reopened.run("gone").summary.status == .interrupted)
        #expect(try reopened.run("alive").summary.status == .running)
    }
}
