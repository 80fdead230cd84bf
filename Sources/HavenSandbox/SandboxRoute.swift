/// The paths the sandbox serves, read without regular expressions.
enum SandboxRoute: Equatable {
    case api(asynchronous: Bool, name: String, version: String)
    case jobStatus(String)
    case jobResult(String)
    case batch

    /// The route of `path`, or the error for a path or method it does not serve.
    static func match(path: String, isGetOrPost: Bool, isPost: Bool) throws(HavenError) -> SandboxRoute {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.first == "1", parts.count >= 2 else { throw .pageNotFound }
        let route: SandboxRoute
        switch (parts[1], parts.count) {
        case ("api", 5) where parts[2] == "sync" || parts[2] == "async":
            route = .api(asynchronous: parts[2] == "async", name: String(parts[3]), version: String(parts[4]))
        case ("job", 2):
            guard isPost else { throw .postOnly }
            return .batch
        case ("job", 4) where parts[2] == "status":
            route = .jobStatus(String(parts[3]))
        case ("job", 4) where parts[2] == "result":
            route = .jobResult(String(parts[3]))
        default:
            throw .pageNotFound
        }
        guard isGetOrPost else { throw .methodNotAllowed }
        return route
    }

    /// The name faults target a route by: the API an `api` route calls (lower case), `jobstatus`,
    /// `jobresult`, or `job` for a batch submission.
    var api: String? {
        switch self {
        case .api(_, let name, _): name.lowercased()
        case .jobStatus: "jobstatus"
        case .jobResult: "jobresult"
        case .batch: "job"
        }
    }
}
