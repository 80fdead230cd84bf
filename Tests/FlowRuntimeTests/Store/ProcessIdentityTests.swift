import FlowCore
import FlowRuntime
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
    @Test(arguments: StoreBackend.all)
    func aLockWhosePidWasReusedIsTakenOver(_ backend: StoreBackend) async throws {
        let location = try await backend.makeLocation()
        let old = try await backend.open(location, as: .local(pid: 1, started: "another-boot/1"))
        _ = try await old.acquireLock(workflow: "w", runID: "before-reboot", lease: .seconds(30))
        _ = try await backend.open(location)  // its sweep frees the lock
        #expect(try await old.lockHolder(workflow: "w") == nil)

        let store = try await backend.open(location)
        _ = try await old.acquireLock(workflow: "w", runID: "before-reboot", lease: .seconds(30))
        guard case .acquired(let stale) = try await store.acquireLock(workflow: "w", runID: "now", lease: .seconds(30)) else {
            Issue.record("a lock of a reused pid was respected")
            return
        }
        #expect(stale?.runID == "before-reboot")
    }

    @Test(arguments: StoreBackend.all)
    func aLockOfPidOneWithItsTrueStartIsRespected(_ backend: StoreBackend) async throws {
        let location = try await backend.makeLocation()
        let live = try await backend.open(location, as: .local(pid: 1, started: ProcessIdentity.startToken(of: 1)))
        _ = try await live.acquireLock(workflow: "w", runID: "theirs", lease: .seconds(30))
        let store = try await backend.open(location)
        let holder = try #require(try await store.lockHolder(workflow: "w"))
        #expect(try await store.acquireLock(workflow: "w", runID: "mine", lease: .seconds(30)) == .held(by: holder))
    }

    @Test(arguments: StoreBackend.all)
    func aRunWhosePidWasReusedIsMarkedInterrupted(_ backend: StoreBackend) async throws {
        let location = try await backend.makeLocation()
        try await backend.open(location, as: .local(pid: 1, started: "another-boot/1")).register(registration("gone"))
        try await backend.open(location, as: .local(pid: 1, started: ProcessIdentity.startToken(of: 1)))
            .register(registration("alive", workflow: "v"))

        let reopened = try await backend.open(location)
        #expect(try await reopened.run("gone").summary.status == .interrupted)
        #expect(try await reopened.run("alive").summary.status == .running)
    }
}
