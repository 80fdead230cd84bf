import FlowCore

extension StateDirectory {
    /// The state database, `STATE_DIR/state.sqlite` (opening it marks the runs of dead processes
    /// `interrupted`).
    func openStore() throws -> StateStore {
        try reporting { () throws(StateStoreError) in try StateStore(directory: path) }
    }

    /// The JSON Lines event log of `runID`.
    func runLogPath(_ runID: String) -> String { "\(path)/runs/\(runID).jsonl" }
}
