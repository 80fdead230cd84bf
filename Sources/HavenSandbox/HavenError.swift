import JSONValue

/// A Haven error answer: the body `{"error", "reason", "detail"}` and the HTTP status it travels with.
/// Inside a failed job the same body appears in `actions[].errors`.
struct HavenError: Error, Sendable, Equatable {
    let code: Int
    let reason: String
    let status: Int
    let detail: JSON

    var body: JSON { ["error": .number(Double(code)), "reason": .string(reason), "detail": detail] }

    private init(_ code: Int, _ reason: String, _ status: Int, _ detail: JSON) {
        self.code = code
        self.reason = reason
        self.status = status
        self.detail = detail
    }

    private static func message(_ text: String, _ extra: [String: JSON] = [:]) -> JSON {
        var members = extra
        members["message"] = .string(text)
        return .object(members)
    }

    static let apiKeyRequired = HavenError(2000, "API key required", 401, message("an apikey parameter is required"))
    static let unknownAPIKey = HavenError(2002, "Unknown API key", 401, message("the apikey is not accepted"))

    static func invalidJobID(_ id: String) -> HavenError {
        HavenError(3001, "Invalid job ID", 404, message("job not found", ["jobID": .string(id)]))
    }

    static func duplicateParameters(_ names: [String]) -> HavenError {
        HavenError(4000, "Duplicate parameters", 400,
                   message("parameter given more than once", ["params": .array(names.map { .string($0) })]))
    }

    static let noJobActions = HavenError(4002, "No job actions submitted", 400,
                                         message("the job has no actions: send {\"actions\": [{\"name\", \"version\", \"params\"}]}"))
    static let unknownAPI = HavenError(4004, "Invalid job action", 404, message("API not found"))

    /// 4005 with a documented `detail.message` and the resource it is about (`connector` or `index`).
    static func invalidParameters(_ text: String, _ kind: String? = nil, _ name: String? = nil) -> HavenError {
        var extra: [String: JSON] = [:]
        if let kind, let name { extra[kind] = .string(name) }
        return HavenError(4005, "Invalid job action parameters", 400, message(text, extra))
    }

    static func invalidJSON(_ parameter: String, _ problem: String) -> HavenError {
        HavenError(4010, "Invalid JSON submitted", 400,
                   message("parameter \(parameter) is not valid JSON: \(problem)", ["param": .string(parameter)]))
    }

    static func missingParameters(_ names: [String]) -> HavenError {
        HavenError(4015, "Missing required parameter(s)", 400,
                   message("missing required parameter(s)", ["params": .array(names.map { .string($0) })]))
    }

    static func invalidFlavor(_ flavor: String, _ allowed: [String]) -> HavenError {
        HavenError(4029, "Invalid flavor name", 400,
                   message("unknown flavor", ["flavor": .string(flavor), "flavors": .array(allowed.map { .string($0) })]))
    }

    static let tooManyRequests = HavenError(4030, "Too many requests", 429, message("request rate limit reached"))

    static func injected(status: Int) -> HavenError {
        if status == 429 { return HavenError(4030, "Too many requests", 429, message("injected fault")) }
        return HavenError(5000, "Backend request failed", status, message("injected fault"))
    }

    /// A job action the `jobfail` fault picked: it ended failed and changed nothing.
    static let injectedJobFailure = HavenError(5000, "Backend request failed", 500, message("injected job failure"))

    static func backend(_ text: String) -> HavenError {
        HavenError(5000, "Backend request failed", 500, message(text))
    }

    static let previousActionFailed = HavenError(5001, "Previous job action failed", 400,
                                                 message("an earlier action of this job failed"))

    static func invalidConfirm(_ kind: String, _ name: String) -> HavenError {
        HavenError(5080, "Invalid confirm token", 400,
                   message("confirm token is wrong, used or expired", [kind: .string(name)]))
    }

    static let pageNotFound = HavenError(6000, "Page not found", 404, message("no such path"))
    static let methodNotAllowed = HavenError(6001, "HTTP method not allowed", 405, message("use GET or POST"))
    static let postOnly = HavenError(6001, "HTTP method not allowed", 405, message("use POST"))

    static func requestTookTooLong(_ id: String) -> HavenError {
        HavenError(7000, "Request took too long", 504,
                   message("the job did not finish in time; poll /1/job/status", ["jobID": .string(id)]))
    }

    static func tooManyFields(_ limit: Int) -> HavenError {
        HavenError(7001, "Too many fields", 400, message("more than \(limit) parameters"))
    }

    static func invalidPost(_ text: String) -> HavenError {
        HavenError(7005, "Invalid POST request", 400, message(text))
    }

    static func requestTooBig(_ limit: Int) -> HavenError {
        HavenError(7006, "Request too big", 413, message("the request body is larger than \(limit) bytes"))
    }

    static func indexNameInvalid() -> HavenError {
        HavenError(8002, "Index name invalid", 400, message("index names are 1-100 characters of A-Z a-z 0-9 _ -"))
    }

    static func connectorNameInvalid() -> HavenError {
        HavenError(8004, "Connector name invalid", 400,
                   message("connector names are 1-100 characters of A-Z a-z 0-9 _ -"))
    }

    static func connectorQuota(_ limit: Int) -> HavenError {
        HavenError(9003, "Reached connector count quota", 403,
                   message("the connector quota is \(limit)", ["max_connectors": .number(Double(limit))]))
    }
}
