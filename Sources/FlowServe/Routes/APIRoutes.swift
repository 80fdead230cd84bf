import FlowRuntime
import Hummingbird
import JSONValue

/// The JSON API: the same JSON as the CLI prints — `/api/runs` (`runs --json`), `/api/runs/RUN_ID`
/// (`show --json`), `/api/runs/RUN_ID/events` (`logs`), `/api/schedules` (`schedule --list --json`).
struct APIRoutes: ServeRouteProvider {
    /// `/api/runs` without `limit`: as many as `havenflow runs` lists.
    static let defaultLimit = 20

    func addRoutes(to router: Router<BasicRequestContext>, reader: RunReader) {
        router.get("/api/runs") { request, _ -> Response in
            let query = request.uri.queryParameters
            let workflow = query["workflow"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            guard let limit = query["limit"].map({ Int($0) }) ?? Self.defaultLimit, limit >= 1 else {
                return Answer.error(.badRequest, "limit must be a whole number of at least 1", request: request)
            }
            return try await answer(request) { () throws(RuntimeError) in
                Answer.json(try await reader.history.runs(workflow: workflow, limit: limit, json: true))
            }
        }
        router.get("/api/runs/:run") { request, context -> Response in
            let id = try context.parameters.require("run")
            return try await answer(request) { () throws(RuntimeError) in
                guard try await reader.run(id) != nil else { return unknownRun(id, request) }
                return Answer.json(try await reader.history.show(runID: id, json: true))
            }
        }
        router.get("/api/runs/:run/events") { request, context -> Response in
            let id = try context.parameters.require("run")
            return try await answer(request) { () throws(RuntimeError) in
                guard try await reader.run(id) != nil else { return unknownRun(id, request) }
                return Answer.make(contentType: Answer.jsonLines, body: try await reader.history.log(runID: id))
            }
        }
        router.get("/api/schedules") { request, _ -> Response in
            try await answer(request) { () throws(RuntimeError) in
                Answer.json(ScheduleListingJSON.render(try await reader.schedules()))
            }
        }
    }
}

/// 404 for a run id the store does not know.
func unknownRun(_ id: String, _ request: Request) -> Response {
    Answer.error(.notFound, "there is no run \(id) in the state store", request: request)
}

/// `body`'s answer; a `RuntimeError` becomes a 500 answer with its sentence.
func answer(_ request: Request, _ body: () async throws(RuntimeError) -> Response) async throws -> Response {
    do {
        return try await body()
    } catch {
        return Answer.error(.internalServerError, error.message, request: request)
    }
}
