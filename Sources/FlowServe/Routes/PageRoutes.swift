import FlowRuntime
import Foundation
import Hummingbird

/// The pages: `/` the runs list, `/runs/RUN_ID`, `/workflows/NAME`, `/schedules`.
struct PageRoutes: ServeRouteProvider {
    let pageSize: Int
    let outcomes = OutcomeCache()

    func addRoutes(to router: Router<BasicRequestContext>, reader: RunReader) {
        router.get("/") { request, _ -> Response in
            let query = request.uri.queryParameters
            let filter = RunsListPage.Filter(
                workflow: query["workflow"].map(String.init), status: query["status"].map(String.init),
                page: query["page"].flatMap { Int($0) } ?? 1)
            return try await answer(request) { () throws(RuntimeError) in
                try await RunsListPage(reader: reader, pageSize: pageSize, outcomes: outcomes).render(filter, request: request)
            }
        }
        router.get("/runs/:run") { request, context -> Response in
            let id = try context.parameters.require("run")
            return try await answer(request) { () throws(RuntimeError) in
                guard let run = try await reader.run(id) else { return unknownRun(id, request) }
                return Answer.page(try await RunPage.render(run, reader: reader))
            }
        }
        router.get("/workflows/:name") { request, context -> Response in
            let raw = try context.parameters.require("name")
            let name = raw.removingPercentEncoding ?? raw
            return try await answer(request) { () throws(RuntimeError) in
                let runs = try await reader.runs(workflow: name, limit: WorkflowPage.limit)
                guard !runs.isEmpty else {
                    return Answer.error(.notFound, "no run of workflow \(name) is recorded in the state store", request: request)
                }
                return Answer.page(WorkflowPage.render(name: name, runs: runs))
            }
        }
        router.get("/schedules") { request, _ -> Response in
            do throws(RuntimeError) {
                let listings = try await reader.schedules()
                let recent = try await reader.fires(of: listings.map(\.trigger), limit: SchedulesPage.recentRecords)
                return Answer.page(SchedulesPage.render(listings, recent: recent, problem: nil))
            } catch {
                return Answer.page(SchedulesPage.render([], problem: error.message))
            }
        }
    }
}
