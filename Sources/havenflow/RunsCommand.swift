import ArgumentParser
import FlowCore
import FlowRuntime
import Foundation
import JSONValue

/// `havenflow runs`: the run history, newest first.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List recorded runs, newest first.")

    @Option(help: ArgumentHelp("Only the runs of this workflow (its `name`).", valueName: "name"))
    var workflow: String?

    @Option(help: ArgumentHelp("At most this many runs.", valueName: "n"))
    var limit: Int = 20

    @Flag(help: "Print {\"runs\": […]} as JSON.")
    var json = false

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The state directory (default: $HAVENFLOW_STATE_DIR, else .havenflow).", valueName: "dir"))
    var stateDir: String?

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try await StateDirectory(option: stateDir).openStore()
            let runs = try await reporting { () async throws(StateStoreError) in try await store.runs(workflow: workflow, limit: limit) }
            if json {
                print(JSON.object(["runs": .array(runs.map(\.json))]).rendered())
            } else if runs.isEmpty {
                print(workflow.map { "no runs of \($0) recorded" } ?? "no runs recorded")
            } else {
                let rows = runs.map { run in
                    [run.id, run.workflow, run.status.rawValue, Timestamp.rfc3339(run.startedAt),
                     run.durationMs.map(DurationText.milliseconds) ?? "-"]
                }
                print(TextTable(header: ["RUN", "WORKFLOW", "STATUS", "STARTED", "DURATION"], rows: rows).rendered)
            }
            return .succeeded
        }
    }
}

/// Columns padded to their widest cell, two spaces apart.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// Durations for people: `340ms`, `12.4s`, `4m05s`, `2h03m`.
enum DurationText {
    static func milliseconds(_ ms: Int) -> String {
        if ms < 1000 { return "\(ms)ms" }
        if ms < 60_000 { return String(format: "%.1fs", Double(ms) / 1000) }
        let seconds = ms / 1000
        if seconds < 3600 { return String(format: "%dm%02ds", seconds / 60, seconds % 60) }
        return String(format: "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
    }
}
