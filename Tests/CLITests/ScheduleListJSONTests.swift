import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Testing

/// `havenflow schedule --list --json`: each trigger with its last record and next fire times as RFC 3339
/// with the trigger's offset.
@Suite(.timeLimit(.minutes(1))) struct ScheduleListJSONTests {
    @Test func listsEachTriggerWithItsLastRecordAndNextTimesWithOffsets() async throws {
        let folder = try HavenflowProcess.folder(with: [
            "workflows/nightly.yaml": ScheduleCommandTests.workflow("nightly", cron: "30 2 * * *")
        ])
        let store = try SQLiteStateStore(directory: folder.appendingPathComponent("state").path)
        let scheduled = Date(timeIntervalSince1970: 1_767_684_600)  // 2026-01-06T07:30:00Z, 02:30 in New York
        try await store.record(
            FireRecord(
                trigger: TriggerID(workflow: "nightly", index: 0), scheduledAt: scheduled, recordedAt: scheduled,
                outcome: .fired(runID: "run-1")))

        let output = try await HavenflowProcess.run(
            ["schedule", "--list", "--json", "--state-dir", "state"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let triggers = try #require(try JSON(parsing: output.stdout)["triggers"]?.arrayValue)
        try #require(triggers.count == 1, "\(output.stdout)")
        let first = triggers[0]
        #expect(first["workflow"] == "nightly")
        #expect(first["file"] == "workflows/nightly.yaml")
        #expect(first["index"] == 0)
        #expect(first["cron"] == "30 2 * * *")
        #expect(first["timezone"] == "America/New_York")
        #expect(
            first["last"] == [
                "scheduled_at": "2026-01-06T02:30:00-05:00", "recorded_at": "2026-01-06T02:30:00-05:00",
                "outcome": "fired", "run_id": "run-1",
            ])
        let next = (first["next"]?.arrayValue ?? []).compactMap { $0.stringValue }
        #expect(next.count == 3)
        // New York is at -05:00 in winter and -04:00 in summer; every time is 02:30 local either way.
        #expect(next.allSatisfy { $0.firstMatch(of: /^\d{4}-\d\d-\d\dT02:30:00-0[45]:00$/) != nil }, "\(next)")
    }

    @Test func jsonWithoutListIsAUsageError() async throws {
        let folder = try HavenflowProcess.folder(with: [:])
        let output = try await HavenflowProcess.run(["schedule", "--json", "--state-dir", "state"], in: folder)
        #expect(output.status == 64)
        #expect(output.stderr.contains("--json goes with --list."), "\(output.stderr)")
    }
}
