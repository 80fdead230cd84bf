import JSONValue

/// The ID of an asynchronous Haven job, e.g. `w-eu_0f3dbf91-1608-4cbc-a8ca-9f5a817e1a4a`.
public struct JobID: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
}

/// A job's or an action's status: `queued`, `in progress`, `finished` or `failed` (read case-insensitively).
public struct JobStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    public static let queued = JobStatus(rawValue: "queued")
    public static let inProgress = JobStatus(rawValue: "in progress")
    public static let finished = JobStatus(rawValue: "finished")
    public static let failed = JobStatus(rawValue: "failed")

    /// `finished` or `failed`.
    public var isTerminal: Bool { self == .finished || self == .failed }
    public var description: String { rawValue }
}

/// `/1/job/status` and `/1/job/result` answers: `{"jobID", "status", "actions": [...]}`.
public struct JobEnvelope: Sendable, Hashable {
    public var jobID: JobID
    public var status: JobStatus
    public var actions: [JobAction]
    public var raw: JSON

    /// Reads an envelope tolerantly: unknown fields are ignored and `actions` may be missing.
    public init(json: JSON, jobID fallback: JobID? = nil) throws(HavenError) {
        guard case .object = json, let status = json["status"]?.stringValue else {
            throw HavenError(
                kind: .invalidResponse, api: "job status", jobID: fallback,
                message: "expected a job envelope with a status, got \(json.typeName)")
        }
        jobID = json["jobID"]?.stringValue.map(JobID.init(rawValue:)) ?? fallback ?? ""
        self.status = JobStatus(rawValue: status)
        actions = (json["actions"]?.arrayValue ?? []).map { JobAction(json: $0, jobID: json["jobID"]?.stringValue) }
        raw = json
    }

    /// The first action's result: what the synchronous call would have returned.
    public var result: JSON? { actions.first?.result }

    /// The first error of the first failed action (of kind `.jobFailed`), when the job failed.
    public var firstError: HavenError? { actions.lazy.compactMap(\.errors.first).first }
}

/// One action of a job: `{"action", "version", "status", "result"?, "errors"?}`.
public struct JobAction: Sendable, Hashable {
    public var action: String
    public var version: String?
    public var status: JobStatus
    public var result: JSON?
    public var errors: [HavenError]
    public var raw: JSON

    init(json: JSON, jobID: String?) {
        action = json["action"]?.stringValue ?? json["name"]?.stringValue ?? ""
        version = json["version"]?.stringValue
        status = JobStatus(rawValue: json["status"]?.stringValue ?? "")
        result = json["result"]
        let job = jobID.map(JobID.init(rawValue:))
        errors = (json["errors"]?.arrayValue ?? []).map { body in
            var error = HavenError(body: body, api: json["action"]?.stringValue, httpStatus: nil, jobID: job)
                ?? HavenError(kind: .haven, api: json["action"]?.stringValue, detail: body, jobID: job)
            error.kind = .jobFailed
            return error
        }
        raw = json
    }
}
