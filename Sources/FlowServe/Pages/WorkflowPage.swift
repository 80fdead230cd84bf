import FlowRuntime

/// `/workflows/NAME`: the workflow's latest runs, their success rate and a chart of their durations.
enum WorkflowPage {
    /// How many of the latest runs the page shows.
    static let limit = 200

    static func render(name: String, runs: [RunSummary]) -> String {
        let finished = runs.filter { $0.status != .running }
        let succeeded = finished.filter { $0.status == .succeeded }.count
        let rate = finished.isEmpty ? "-" : "\(Int((100 * Double(succeeded) / Double(finished.count)).rounded()))%"
        return Pages.render(
            "workflow",
            [
                "title": "Workflow \(name)", "pageKind": "workflow", "name": name, "count": "\(runs.count)",
                "one": runs.count == 1, "successRate": rate, "rows": runs.map(RunRow.values),
                "chart": DurationChart.render(Array(runs.prefix(50))),
            ])
    }
}
