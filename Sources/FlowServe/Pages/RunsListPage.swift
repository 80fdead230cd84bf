import FlowCore
import FlowRuntime
import Foundation
import Hummingbird
import Timing

/// `/`: the runs, newest first, a page at a time, filtered by workflow and status; each row with a
/// sparkline of its steps' and elements' outcomes.
struct RunsListPage {
    struct Filter {
        var workflow: String?
        var status: String?
        var page: Int
    }

    let reader: RunReader
    let pageSize: Int
    let outcomes: OutcomeCache

    func render(_ filter: Filter, request: Request) async throws(RuntimeError) -> Response {
        let workflow = filter.workflow.flatMap { $0.isEmpty ? nil : $0 }
        let statusText = filter.status.flatMap { $0.isEmpty ? nil : $0 }
        let status = statusText.flatMap(RecordedRunStatus.init(rawValue:))
        if let statusText, status == nil {
            return Answer.error(
                .badRequest,
                "there is no run status \(statusText); use one of "
                    + RecordedRunStatus.allCases.map(\.rawValue).joined(separator: ", "), request: request)
        }
        let page = max(1, filter.page)
        let skip = (page - 1) * pageSize
        // One store query: without a status filter only as many runs as this page needs (and one more,
        // to know whether there is a next page); with one, the workflow's runs, filtered here.
        var runs = try await reader.runs(workflow: workflow, limit: status == nil ? skip + pageSize + 1 : nil)
        if let status { runs = runs.filter { $0.status == status } }
        let shown = Array(runs.dropFirst(skip).prefix(pageSize))
        var rows: [[String: Any]] = []
        for run in shown {
            // The step records behind the sparkline: of the page's runs only, and of each ended run once.
            let counts = await outcomes.counts(of: run, reader: reader)
            rows.append(RunRow.values(run).merging(["sparkline": Sparkline.render(counts)]) { $1 })
        }
        var values: [String: Any] = [
            "title": "Runs", "pageKind": "runs", "page": "\(page)", "rows": rows, "hasRows": !rows.isEmpty,
            "workflow": workflow ?? "",
            "statuses": RecordedRunStatus.allCases.map { ["name": $0.rawValue, "selected": $0 == status] as [String: Any] },
        ]
        if workflow != nil || status != nil { values["filtered"] = true }
        if page > 1 { values["previous"] = link(workflow: workflow, status: statusText, page: page - 1) }
        if runs.count > skip + pageSize { values["next"] = link(workflow: workflow, status: statusText, page: page + 1) }
        return Answer.page(Pages.render("runs", values))
    }

    private func link(workflow: String?, status: String?, page: Int) -> String {
        var parts: [String] = []
        if let workflow { parts.append("workflow=" + Pages.encoded(workflow)) }
        if let status { parts.append("status=" + Pages.encoded(status)) }
        parts.append("page=\(page)")
        return "/?" + parts.joined(separator: "&")
    }
}

/// The values of one run's row, shared by the runs list and the workflow page.
enum RunRow {
    static func values(_ run: RunSummary) -> [String: Any] {
        [
            "id": run.id, "idPath": Pages.encoded(run.id), "workflow": run.workflow,
            "workflowPath": Pages.encoded(run.workflow), "status": run.status.rawValue,
            "started": Timestamp.rfc3339(run.startedAt),
            "duration": run.durationMs.map(DurationText.rounded(milliseconds:)) ?? "-", "host": run.host,
        ]
    }
}
