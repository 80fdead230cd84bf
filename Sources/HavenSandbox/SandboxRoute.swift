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

    /// The API an `api` route calls (lower case), else nil.
    var api: String? {
        if case .api(_, let name, _) = self { name.lowercased() } else { nil }
    }
}
