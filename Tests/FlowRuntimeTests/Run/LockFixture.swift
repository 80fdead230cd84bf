import FlowCore
import FlowRuntime
import Foundation
import Testing

/// Locks held by "another process": a live pid that is not ours (pid 1, on this host).
enum LockFixture {
    /// Takes `workflow`'s run lock for `runID` as pid 1 and returns the holder's description.
    static func holdLock(workflow: String, runID: String, stateDirectory: String) async throws -> String {
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let other = ProcessIdentity(pid: 1, host: ProcessIdentity.current.host)
        let store = try FlowCore.StateStore(path: "\(stateDirectory)/state.sqlite", process: other)
        guard case .acquired = try store.acquireLock(workflow: workflow, runID: runID) else {
            throw LockFixtureError()
        }
        return try #require(try store.lockHolder(workflow: workflow)).description
    }

    struct LockFixtureError: Error {}
}
