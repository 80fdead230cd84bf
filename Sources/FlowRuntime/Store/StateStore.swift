// TEMPORARY (lead's tree only): the store protocol as agreed, with FlowCore's SQLite class conforming,
// until the store branch that moves the class here lands. Replaced wholesale by that branch.
import FlowCore
import Foundation

public protocol StateStore: RunObserver, FireStore {
    var location: String { get }
    var recordingErrors: [String] { get }
    func register(_ run: RunRegistration, at time: Date) async throws(StateStoreError)
    func prepareResume(_ run: RunRegistration, rerun: Set<String>) async throws(StateStoreError)
    func resumeState(runID: String, rerun: Set<String>) async throws(StateStoreError) -> ResumeState
    func runs(workflow: String?, limit: Int?) async throws(StateStoreError) -> [RunSummary]
    func run(_ id: String) async throws(StateStoreError) -> RunDetail
    func elements(runID: String, step: String) async throws(StateStoreError) -> [ElementSummary]
    func acquireLock(workflow: String, runID: String, lease: Duration) async throws(StateStoreError) -> LockAcquisition
    func renewLock(workflow: String, runID: String, lease: Duration) async throws(StateStoreError)
    func releaseLock(workflow: String, runID: String) async throws(StateStoreError)
    func lockHolder(workflow: String) async throws(StateStoreError) -> LockHolder?
    func acquireSchedulerLease(lease: Duration) async throws(StateStoreError) -> LeaseAcquisition
    func renewSchedulerLease(lease: Duration) async throws(StateStoreError)
    func releaseSchedulerLease() async throws(StateStoreError)
    func close() async
}

public enum LeaseAcquisition: Sendable, Hashable {
    case acquired
    case held(by: LeaseHolder)
}

public struct LeaseHolder: Sendable, Hashable {
    public var pid: Int32
    public var host: String
    public var since: Date
}

extension FlowCore.StateStore: StateStore {
    public var location: String { path }
    public func acquireLock(workflow: String, runID: String, lease: Duration) async throws(StateStoreError) -> LockAcquisition {
        try acquireLock(workflow: workflow, runID: runID, at: Date())
    }
    public func renewLock(workflow: String, runID: String, lease: Duration) async throws(StateStoreError) {}
    public func acquireSchedulerLease(lease: Duration) async throws(StateStoreError) -> LeaseAcquisition { .acquired }
    public func renewSchedulerLease(lease: Duration) async throws(StateStoreError) {}
    public func releaseSchedulerLease() async throws(StateStoreError) {}
    public func close() async {}
}

/// Opens the SQLite store of a state directory.
func openSQLiteStore(directory: String) throws(StateStoreError) -> any StateStore {
    try FlowCore.StateStore(directory: directory)
}
