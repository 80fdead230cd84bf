import JSONValue

/// Why a Haven call failed: an error Haven answered (its code, reason and detail), an HTTP failure, a
/// connection failure, a timeout, an answer that is not Haven's, a cancelled call, a job that ended failed
/// or a job that did not finish in time. Its `description` is a sentence for an operator and never
/// contains the API key.
///
/// A job that ended failed (`.jobFailed`) and a request about a job that failed (any other kind with a
/// `jobID`, e.g. a 503 on `/1/job/status`) are different errors: the first is how the job ended, the
/// second says nothing about the job.
public struct HavenError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The kind of failure; compare with `==` against the static members.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String, Sendable {
            case haven, http, connection, timeout, invalidResponse, invalidRequest, cancelled, jobTimeout, jobFailed
        }

        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// Haven answered an error body: see `code`, `reason`, `detail`.
        public static let haven = Kind(.haven)
        /// A job ended failed; `code`, `reason` and `detail` are the job's own error and `jobID` the job.
        /// Asking again cannot change how a job ended, so it is never ``isTransient``; see
        /// ``isTransientJobFailure`` for whether submitting the job again may succeed.
        public static let jobFailed = Kind(.jobFailed)
        /// A non-2xx HTTP answer without a Haven error body.
        public static let http = Kind(.http)
        /// The connection could not be opened or broke before the answer was read.
        public static let connection = Kind(.connection)
        /// No answer within the request timeout or the call's deadline.
        public static let timeout = Kind(.timeout)
        /// An answer that is not JSON or not the shape the API documents.
        public static let invalidResponse = Kind(.invalidResponse)
        /// The request could not be built (for instance, an endpoint that is not a URL).
        public static let invalidRequest = Kind(.invalidRequest)
        /// The calling task was cancelled.
        public static let cancelled = Kind(.cancelled)
        /// ``HavenClient/waitForJob(_:interval:timeout:)`` gave up before the job ended.
        public static let jobTimeout = Kind(.jobTimeout)

        public var description: String { code.rawValue }
    }

    public var kind: Kind
    /// The API called (`createconnector`), or for job calls the job's action when known.
    public var api: String?
    /// Haven's numeric error code (`4005`).
    public var code: Int?
    /// Haven's reason (`Invalid job action parameters`).
    public var reason: String?
    /// Haven's detail: a string or an object such as `{"message": "connector already exists", "connector": "x"}`.
    public var detail: JSON?
    /// The HTTP status of the answer, when there was one.
    public var httpStatus: Int?
    /// The job the error belongs to: the job that failed (`.jobFailed`), or the job a failed request was
    /// about (`/1/job/status`, `/1/job/result`).
    public var jobID: JobID?
    /// What went wrong below Haven (a connection error's text, a parse error), with the API key removed.
    public var message: String?
    /// How long the client waited, for timeouts.
    public var waited: Duration?
    /// The server's `Retry-After`, when it sent one.
    public var retryAfter: Duration?

    public init(
        kind: Kind, api: String? = nil, code: Int? = nil, reason: String? = nil, detail: JSON? = nil,
        httpStatus: Int? = nil, jobID: JobID? = nil, message: String? = nil, waited: Duration? = nil,
        retryAfter: Duration? = nil
    ) {
        self.kind = kind
        self.api = api
        self.code = code
        self.reason = reason
        self.detail = detail
        self.httpStatus = httpStatus
        self.jobID = jobID
        self.message = message
        self.waited = waited
        self.retryAfter = retryAfter
    }

    /// `detail.message` (or `detail` itself when it is a string).
    public var detailMessage: String? {
        if case .string(let text) = detail { return text }
        return detail?["message"]?.stringValue ?? detail?["detail"]?.stringValue
    }

    /// The resource does not exist: Haven 4005 "… does not exist", or 3001 (unknown job).
    public var isNotFound: Bool {
        guard kind == .haven || kind == .jobFailed else { return false }
        return code == 3001 || (code == 4005 && detailMessage?.contains("does not exist") == true)
    }

    /// The resource exists already: Haven 4005 "… already exists".
    public var isAlreadyExists: Bool {
        (kind == .haven || kind == .jobFailed) && code == 4005 && detailMessage?.contains("already exists") == true
    }

    /// Worth trying again later: connection failures, timeouts, HTTP 429 and 5xx, Haven 4030,
    /// 5000–5007 and 7000. Never a job that ended failed (`.jobFailed`).
    public var isTransient: Bool {
        if kind == .jobFailed { return false }
        if kind == .connection || kind == .timeout { return true }
        if let httpStatus, httpStatus == 429 || httpStatus >= 500 { return true }
        if let code, code == 4030 || (5000...5007).contains(code) || code == 7000 { return true }
        return false
    }

    /// A job that ended failed with Haven 5000–5007 or 7000: submitting it again may succeed.
    public var isTransientJobFailure: Bool {
        guard kind == .jobFailed, let code else { return false }
        return (5000...5007).contains(code) || code == 7000
    }

    /// Refused without being processed (throttled): safe to resend even for calls that change state.
    var isThrottled: Bool { httpStatus == 429 || code == 4030 }
}
