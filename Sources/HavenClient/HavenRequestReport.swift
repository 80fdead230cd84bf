/// One HTTP request a ``HavenClient`` sent, as the client reports it to the observer it was given
/// (``HavenClient/observed(by:)``): which API, how it ended, and whether it was the client's own retry.
///
/// A call the client sends again after a transient failure (HTTP 429 or 503, a reset connection; see
/// ``RetryPolicy/havenClient``) is reported once per request; a job wait once per status poll.
public struct HavenRequestReport: Sendable, Hashable, CustomStringConvertible {
    /// The API (`createconnector`); `jobstatus` and `jobresult` for the job routes, as the sandbox's fault
    /// plan names them.
    public var api: String
    /// `ok`; the Haven error code of an error answer (`4030`, `5000`); `http_<status>` for an HTTP error
    /// without a Haven error body; `invalid` for an answer that is not Haven's; `transport` when no answer
    /// came (the connection failed or was reset, the request timed out or was cancelled).
    public var outcome: String
    /// Whether the client sent this request again, within one call, after a transient failure.
    public var isRetry: Bool

    public init(api: String, outcome: String, isRetry: Bool) {
        self.api = api
        self.outcome = outcome
        self.isRetry = isRetry
    }

    /// The report of a request of `api` that failed with `error`.
    init(api: String, error: HavenError, isRetry: Bool) {
        let outcome =
            if let code = error.code { String(code) }
            else if let status = error.httpStatus, error.kind == .http { "http_\(status)" }
            else if error.kind == .invalidResponse { "invalid" }
            else { "transport" }
        self.init(api: api, outcome: outcome, isRetry: isRetry)
    }

    /// `createconnector 4030 (retry)`.
    public var description: String { "\(api) \(outcome)\(isRetry ? " (retry)" : "")" }
}

/// Receives a ``HavenRequestReport`` for each HTTP request a client sends, on the calling task, after the
/// answer (or its absence) is known. Keep it quick: it runs on every request.
public typealias HavenRequestObserver = @Sendable (HavenRequestReport) -> Void
