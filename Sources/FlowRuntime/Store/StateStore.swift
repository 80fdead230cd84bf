import FlowCore
import Foundation

/// Where runs are recorded and coordinated: run history, step and `for_each` element records (the
/// resume checkpoints), the scheduler's fire records, per-workflow run locks and the scheduler's
/// exclusivity. `SQLiteStateStore` (one host, `STATE_DIR/state.sqlite`) and `PostgresStateStore` (one
/// database for several hosts) are the backends; every backend passes the same contract suite
/// (`Tests/FlowRuntimeTests/Store`).
///
/// The engine records through `RunObserver` (a backend that must commit a record before the engine goes
/// on is also a `SynchronousRunObserver`); the scheduler through `FireStore`. Locks and the scheduler
/// lease are held under a lease the holder renews: a holder on another host that stops renewing loses
/// it once the lease has run out; on this host a holder whose process is dead loses it at once.
public protocol StateStore: RunObserver, FireStore {
    /// The store, for messages: the database file's path (a URL without its password for a server).
    var location: String { get }
    /// Events the store could not record (a full disk, say), as sentences; the run itself goes on.
    var recordingErrors: [String] { get }

    /// Records a new run (status `running`, this process's pid and host), started at `time`.
    func register(_ run: RunRegistration, at time: Date) async throws(StateStoreError)
    /// Readies `run` to be resumed by this process: forgets the records of the steps in `rerun` and their
    /// elements, records the file as it is now, and marks the run `running` again.
    func prepareResume(_ run: RunRegistration, rerun: Set<String>) async throws(StateStoreError)
    /// What `runID` already did, for the engine: its succeeded steps (not of `finally`) with their outputs
    /// and the succeeded elements of its other `for_each` steps, leaving out the steps in `rerun`.
    func resumeState(runID: String, rerun: Set<String>) async throws(StateStoreError) -> ResumeState
    /// Runs, newest first, optionally of one workflow only and at most `limit` of them.
    func runs(workflow: String?, limit: Int?) async throws(StateStoreError) -> [RunSummary]
    /// The run with `id`, in full (`StateStoreError.isUnknownRun` when there is none).
    func run(_ id: String) async throws(StateStoreError) -> RunDetail
    /// The recorded elements of `step` in `runID`, by index (each element's latest record).
    func elements(runID: String, step: String) async throws(StateStoreError) -> [ElementSummary]

    /// Takes `workflow`'s run lock for `runID` until `lease` from now, atomically: free, held by this
    /// process or for this run id already (the scheduler takes it for the run it starts, which adopts
    /// it), held by a dead process on this host or under a lease that ran out → acquired
    /// (naming the holder it replaced); otherwise held.
    func acquireLock(workflow: String, runID: String, lease: Duration) async throws(StateStoreError) -> LockAcquisition
    /// Extends the lease of `workflow`'s run lock held by `runID` in this process to `lease` from now;
    /// throws `lockLost` when the lock is no longer its own.
    func renewLock(workflow: String, runID: String, lease: Duration) async throws(StateStoreError)
    /// Frees `workflow`'s run lock if `runID` in this process holds it.
    func releaseLock(workflow: String, runID: String) async throws(StateStoreError)
    /// The holder of `workflow`'s run lock, if any.
    func lockHolder(workflow: String) async throws(StateStoreError) -> LockHolder?

    /// Takes the store's one scheduler lease for this process until `lease` from now, by the same rules
    /// as a run lock.
    func acquireSchedulerLease(lease: Duration) async throws(StateStoreError) -> LeaseAcquisition
    /// Extends this process's scheduler lease; throws `leaseLost` when it is no longer its own.
    func renewSchedulerLease(lease: Duration) async throws(StateStoreError)
    /// Frees the scheduler lease if this process holds it.
    func releaseSchedulerLease() async throws(StateStoreError)

    /// The backend, its schema version and how many runs, fire records and locks it holds.
    func status() async throws(StateStoreError) -> StoreStatus

    /// Waits for the records still being written, then closes the store; it is not used afterwards.
    func close() async
}

extension StateStore {
    /// Records a new run started now.
    public func register(_ run: RunRegistration) async throws(StateStoreError) {
        try await register(run, at: Date())
    }

    /// What `runID` already did, every recorded step included.
    public func resumeState(runID: String) async throws(StateStoreError) -> ResumeState {
        try await resumeState(runID: runID, rerun: [])
    }

    /// Every run, newest first.
    public func runs() async throws(StateStoreError) -> [RunSummary] {
        try await runs(workflow: nil, limit: nil)
    }
}
