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
        let store = try SQLiteStateStore(path: "\(stateDirectory)/state.sqlite", process: other)
        guard case .acquired = try await store.acquireLock(workflow: workflow, runID: runID, lease: .seconds(30)) else {
            throw LockFixtureError()
        }
        return try #require(try await store.lockHolder(workflow: workflow)).description
    }

    struct LockFixtureError: Error {}
}
