import JSONValue

/// The outcome of a step or of one `for_each` element.
public enum StepStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case succeeded, failed, skipped
}

extension StepStatus {
    /// A step's or element's status as the run log (and the state store) names it: `interrupted` for one
    /// that failed because the run was interrupted (SIGINT/SIGTERM, a lost lease) — its error is the
    /// interruption, code `interrupted` — else the status itself.
    public static func logged(_ status: StepStatus, error: StepError?) -> String {
        status == .failed && (error?.interrupted == true || error?.code == "interrupted") ? "interrupted" : status.rawValue
    }
}

/// The outcome of a run.
public enum RunStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case succeeded, failed, interrupted
}

/// Why a step or element was skipped (the `reason` field of the run log).
public enum StepSkipReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// Its `if` was false.
    case condition
    /// An earlier step failed and its `if` does not use `always()` or `failure()`.
    case earlierFailure = "earlier_failure"
    /// The run was interrupted before it started.
    case interrupted
    /// `where` was false for the element.
    case filtered
    /// `fail_fast`: an earlier element failed.
    case failFast = "fail_fast"
}
