import FlowCore
import FlowRuntime

extension StateDirectory {
    /// The state database, `STATE_DIR/state.sqlite` (opening it marks the runs of dead processes
    /// `interrupted`).
    func openStore() async throws -> any StateStore {
        try await reporting { () throws(StateStoreError) in try SQLiteStateStore(directory: path) }
    }

    /// The JSON Lines event log of `runID`.
    func runLogPath(_ runID: String) -> String { "\(path)/runs/\(runID).jsonl" }
}
