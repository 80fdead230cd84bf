import FlowCore
import FlowRuntime
import FlowServe
import Foundation
import Testing

/// `/schedules` shows each trigger's recent skipped and missed fires with their reasons, newest first,
/// read from the store's fire records; `/api/schedules` stays what `schedule --list --json` prints.
@Suite("Schedules page: recent fires", .timeLimit(.minutes(2)))
struct SchedulesPageTests {
    @Test func theRecentSkipsAndMissesAreShownNewestFirstWithTheirReasons() async throws {
        let fixture = try await ServeFixture(files: ["demo.yaml": Workflows.demo])
        let reader = try fixture.reader()
        let server = try await ServeServer.start(ServeConfiguration(port: 0), reader: reader)
        let before = try await fetch(server, "/schedules").body
        #expect(before.contains("<td>never</td><td>none</td>"))

        // 14 days at 02:30 Berlin: fired on days 5 and 13, skipped on even days, missed on the other odd ones.
        let trigger = TriggerID(workflow: "demo", index: 0)
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let base = Date(timeIntervalSince1970: 1_798_767_000)  // 2027-01-01T01:30:00Z, 02:30 in Berlin
        func day(_ number: Int) -> Date { base + Double(number) * 86_400 }
        for number in 0..<14 {
            let outcome: FireRecord.Outcome =
                number == 5 || number == 13
                ? .fired(runID: "run-\(number)") : number % 2 == 0 ? .skipped(.lockBusy) : .missed
            try await reader.store.record(
                FireRecord(trigger: trigger, scheduledAt: day(number), recordedAt: day(number) + 1, outcome: outcome))
        }
        let page = try await fetch(server, "/schedules")
        #expect(page.status == 200)
        let items = page.body.components(separatedBy: "<li data-outcome=\"").dropFirst()
        // The ten newest that were not fired: days 12…6, 4…2 (13 and 5 fired; 1 and 0 are older than ten).
        let expected = [12, 11, 10, 9, 8, 7, 6, 4, 3, 2]
        #expect(items.count == expected.count)
        for (item, number) in zip(items, expected) {
            let outcome = number % 2 == 0 ? "skipped" : "missed"
            #expect(item.hasPrefix("\(outcome)\">"), "day \(number): \(item.prefix(40))")
            #expect(item.contains(ScheduleListingJSON.rfc3339(day(number), berlin)), "day \(number)")
            let reason =
                number % 2 == 0
                ? "run lock was held by another process</li>"
                : "<br>the scheduler was down at that time and its catchup did not fire it</li>"
            #expect(item.contains(reason), "day \(number): \(item)")
        }
        #expect(!page.body.contains(ScheduleListingJSON.rfc3339(day(1), berlin)))
        #expect(!page.body.contains(ScheduleListingJSON.rfc3339(day(0), berlin)))
        // The last fire is still shown, with its run.
        #expect(page.body.contains("<a href=\"/runs/run-13\">run-13</a>"))
        #expect(!page.body.contains("<td>never</td>"))

        let api = try await fetch(server, "/api/schedules").body
        #expect(
            api
                == (try await fixture.runtime.scheduleListing(
                    paths: [fixture.folder.path], stateDirectory: fixture.stateDirectory, json: true)))
        await server.stop()
        await fixture.close()
    }
}
