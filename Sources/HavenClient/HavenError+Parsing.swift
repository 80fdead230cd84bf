import JSONValue

extension HavenError {
    /// The Haven error in `body`, if it holds one: `{"error", "reason", "detail"}` (detail a string or an
    /// object), the auth shape `{"message", "detail": {"error"}}`, or a job envelope whose first failed
    /// action carries `errors` (then of kind `.jobFailed`: the job's own error).
    init?(body: JSON, api: String?, httpStatus: Int?, jobID: JobID? = nil) {
        if let actions = body["actions"]?.arrayValue {
            for action in actions {
                guard let first = action["errors"]?.arrayValue?.first else { continue }
                let envelopeJob = body["jobID"]?.stringValue.map(JobID.init(rawValue:))
                self.init(
                    body: first, api: action["action"]?.stringValue ?? api, httpStatus: httpStatus,
                    jobID: jobID ?? envelopeJob)
                kind = .jobFailed
                return
            }
            return nil
        }
        if let code = body["error"]?.intValue {
            self.init(
                kind: .haven, api: api, code: code, reason: body["reason"]?.stringValue ?? body["message"]?.stringValue,
                detail: body["detail"], httpStatus: httpStatus,
                jobID: jobID ?? body["jobID"]?.stringValue.map(JobID.init(rawValue:)))
            return
        }
        if let message = body["message"]?.stringValue, let code = body["detail"]?["error"]?.intValue {
            self.init(
                kind: .haven, api: api, code: code, reason: message, detail: body["detail"],
                httpStatus: httpStatus, jobID: jobID)
            return
        }
        return nil
    }
}
