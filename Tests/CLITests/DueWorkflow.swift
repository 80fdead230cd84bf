import FlowCore
import FlowRuntime
import Foundation

/// A folder with one workflow `nap` scheduled every minute with `catchup: last`, whose last fire is
/// recorded ten minutes ago: a scheduler started on `state` fires it at once.
enum DueWorkflow {
    static func folder(napping duration: String) async throws -> (folder: URL, store: any StateStore) {
        let folder = try HavenflowProcess.folder(with: [
            "workflows/nap.yaml": """
                name: nap
                on:
                  schedule:
                    - cron: "* * * * *"
                  catchup: last
                steps:
                  - id: nap
                    sleep: { duration: \(duration) }

                """
        ])
        let store = try SQLiteStateStore(directory: folder.appendingPathComponent("state").path)
        let past = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 600)
        try await store.record(
            FireRecord(trigger: TriggerID(workflow: "nap", index: 0), scheduledAt: past, recordedAt: past, outcome: .missed))
        return (folder, store)
    }
}
