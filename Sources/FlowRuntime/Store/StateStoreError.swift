import FlowCore

/// A state store operation that failed, as a sentence.
public struct StateStoreError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable {
        case open(path: String, reason: String)
        case database(String)
        case unknownRun(String)
        case lockLost(workflow: String, runID: String)
        case schedulerLeaseLost(location: String)
        /// The database could not be written for `bound` (`WriteRetry`).
        case unreachable(location: String, bound: Duration, reason: String)
    }

    let code: Code

    init(_ code: Code) {
        self.code = code
    }

    /// The run id was not found.
    public var isUnknownRun: Bool {
        if case .unknownRun = code { return true }
        return false
    }

    /// A lock or lease this process held is no longer its own (renewed too late, or released by hand).
    public var isLeaseLost: Bool {
        switch code {
        case .lockLost, .schedulerLeaseLost: true
        default: false
        }
    }

    /// The database could not be written for the store's retry bound: the run's records stop here.
    public var isUnreachable: Bool {
        if case .unreachable = code { return true }
        return false
    }

    public var description: String {
        switch code {
        case .open(let path, let reason): "cannot open the state database \(path): \(reason)"
        case .database(let reason): "state database error: \(reason)"
        case .unknownRun(let id): "there is no run \(id) in the state database (`havenflow runs` lists the runs)"
        case .lockLost(let workflow, let runID):
            "the run lock of workflow '\(workflow)' is no longer held by run \(runID): its lease ran out and "
                + "another process took it over, or it was freed by hand"
        case .schedulerLeaseLost(let location):
            "the scheduler lease of the state database \(location) is no longer held by this process: it ran out "
                + "and another scheduler took it over, or it was freed by hand"
        case .unreachable(let location, let bound, let reason):
            "the state database \(location) could not be written for \(DurationText.spoken(bound)): \(reason)"
        }
    }
}
