import FlowCore

extension WorkflowRun {
    /// While the run goes on, what the PostgreSQL store's writes meet (docs/operations.md, "When the
    /// database dies"): an outage is reported when it begins and when it ends; when the writes could not
    /// go through for the store's retry bound, the run is stopped at once (`stopNow`, as a second
    /// interrupt stops it: no new step or element, no `finally` — none could be recorded).
    func watchStoreWrites(_ store: PostgresStateStore, cancellation: RunCancellation) {
        let report = runtime.report
        let bound = DurationText.spoken(store.writeRetryBound)
        store.whenWritesFail { event in
            switch event {
            case .outage(let error):
                report("warning: \(error); retrying for up to \(bound), and no step starts meanwhile")
            case .recovered(let duration):
                report("note: the state database \(store.location) is written again, after \(DurationText.spoken(duration))")
            case .lost:
                cancellation.stopNow()
            }
        }
    }

    /// The sentence a run ends with whose records could no longer be written, or nil when they all were.
    func storeOutageMessage(_ store: PostgresStateStore) -> String? {
        guard let lost = store.writesLost else { return nil }
        return "error: \(lost); the run stopped as interrupted and started nothing it could not record. "
            + "Resume it with `havenflow resume \(runID)` once the database is back"
    }
}
