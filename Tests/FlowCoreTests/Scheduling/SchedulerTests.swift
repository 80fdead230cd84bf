import FlowCore
import FlowCoreTesting
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1))) struct SchedulerTests {
    let start = utc("2026-01-05T00:00:00Z")

    func makeScheduler(
        _ workflows: [ScheduledWorkflow], clock: ManualClock, launcher: SimulatedLauncher,
        store: InMemoryFireStore = InMemoryFireStore(), stopTimeout: Duration = .zero
    ) -> Scheduler {
        Scheduler(
            workflows: workflows, clock: clock, store: store, launcher: launcher,
            configuration: .init(stopTimeout: stopTimeout))
    }

    static let overlapCases: [(Triggers.Overlap, TimeInterval, [String], [String])] = [
        (.skip, 150,
         ["00:00 fired", "00:01 skipped", "00:02 skipped", "00:03 fired", "00:04 skipped", "00:05 skipped",
          "00:06 fired", "00:07 skipped", "00:08 skipped", "00:09 fired", "00:10 skipped"],
         ["00:00@00:00", "00:03@03:00", "00:06@06:00", "00:09@09:00"]),
        (.queue, 130,
         ["00:00 fired", "00:01 fired", "00:02 skipped", "00:03 fired", "00:04 skipped", "00:05 fired",
          "00:06 skipped", "00:07 fired", "00:08 skipped", "00:09 skipped", "00:10 skipped"],
         ["00:00@00:00", "00:01@02:10", "00:03@04:20", "00:05@06:30", "00:07@08:40"]),
        (.allow, 150,
         ["00:00 fired", "00:01 fired", "00:02 fired", "00:03 fired", "00:04 fired", "00:05 fired",
          "00:06 fired", "00:07 fired", "00:08 fired", "00:09 fired", "00:10 fired"],
         ["00:00@00:00", "00:01@01:00", "00:02@02:00", "00:03@03:00", "00:04@04:00", "00:05@05:00",
          "00:06@06:00", "00:07@07:00", "00:08@08:00", "00:09@09:00", "00:10@10:00"]),
    ]

    @Test(arguments: overlapCases)
    func overlapPolicy(overlap: Triggers.Overlap, runLength: TimeInterval, records: [String], launches: [String])
        async throws
    {
        let clock = ManualClock(now: start)
        let launcher = SimulatedLauncher(clock: clock, duration: runLength)
        let store = InMemoryFireStore()
        let scheduler = makeScheduler(
            [try scheduled("every-minute", ["* * * * *"], overlap: overlap)], clock: clock, launcher: launcher,
            store: store)
        let running = Task { try await scheduler.run() }
        await drive(scheduler, clock, to: start.addingTimeInterval(600), step: 10)
        await scheduler.stop()
        try await running.value
        // With `queue`, the fire of 00:09 waited behind a run when the scheduler stopped.
        #expect(sortedRecords(store).map(\.summary) == records)
        #expect(launcher.launches.map { "\(hhmm($0.scheduledAt))@\(mmss($0.startedAt))" } == launches)
    }

    @Test func skipRecordsWhichRunWasActive() async throws {
        let clock = ManualClock(now: start)
        let launcher = SimulatedLauncher(clock: clock, duration: 90)
        let store = InMemoryFireStore()
        let scheduler = makeScheduler(
            [try scheduled("w", ["* * * * *"])], clock: clock, launcher: launcher, store: store)
        let running = Task { try await scheduler.run() }
        await drive(scheduler, clock, to: start.addingTimeInterval(60), step: 60)
        await scheduler.stop()
        try await running.value
        let skip = try #require(sortedRecords(store).last)
        #expect(skip.outcome == .skipped(.overlap(activeRun: "run-1")))
        #expect(SkipReason.overlap(activeRun: "run-1").description
            == "run run-1 of the workflow was still active (overlap: skip)")
    }

    static let catchupCases: [(Triggers.Catchup, Triggers.Overlap, [String])] = [
        (.none, .allow, ["01:00 missed", "02:00 missed", "03:00 missed", "04:00 missed", "05:00 missed",
                         "06:00 missed"]),
        (.last, .allow, ["01:00 missed", "02:00 missed", "03:00 missed", "04:00 missed", "05:00 missed",
                         "06:00 fired"]),
        (.all, .allow, ["01:00 missed", "02:00 missed", "03:00 missed", "04:00 fired", "05:00 fired",
                        "06:00 fired"]),
        // Catch-up fires go through the overlap policy like any other.
        (.all, .skip, ["01:00 missed", "02:00 missed", "03:00 missed", "04:00 fired", "05:00 skipped",
                       "06:00 skipped"]),
    ]

    @Test(arguments: catchupCases)
    func catchupAfterDowntime(catchup: Triggers.Catchup, overlap: Triggers.Overlap, expected: [String]) async throws {
        // Last fired at 00:00; back at 06:30 with a 3 h window: 04:00, 05:00 and 06:00 are inside it.
        let workflow = try scheduled(
            "hourly", ["0 * * * *"], overlap: overlap, catchup: catchup, window: .seconds(3 * 3600))
        let trigger = TriggerID(workflow: "hourly", index: 0)
        let store = InMemoryFireStore(records: [
            FireRecord(trigger: trigger, scheduledAt: start, recordedAt: start, outcome: .fired(runID: "old"))
        ])
        let clock = ManualClock(now: start.addingTimeInterval(6.5 * 3600))
        let launcher = SimulatedLauncher(clock: clock)
        await makeScheduler([workflow], clock: clock, launcher: launcher, store: store).runOnce()
        #expect(sortedRecords(store).dropFirst().map(\.summary) == expected)
    }

    @Test func onceFiresWhatIsDueAndWaitsForTheRuns() async throws {
        // Driven by a system timer a few seconds after 06:00: the 06:00 fire is on time (within grace).
        let store = InMemoryFireStore()
        let clock = ManualClock(now: start.addingTimeInterval(6 * 3600 + 5))
        let launcher = SimulatedLauncher(clock: clock, duration: 120)
        let scheduler = makeScheduler(
            [try scheduled("hourly", ["0 * * * *", "*/30 * * * *"])], clock: clock, launcher: launcher, store: store)
        let once = Task { await scheduler.runOnce() }
        while launcher.launches.count < 1 { await Task.yield() }
        clock.advance(by: .seconds(120))
        await once.value
        #expect(sortedRecords(store).map(\.summary) == ["06:00 fired", "06:00 skipped"])
    }

    @Test func lockBusyAndFailedLaunchesAreRecordedAsSkips() async throws {
        let clock = ManualClock(now: start)
        let store = InMemoryFireStore()
        let launcher = SimulatedLauncher(clock: clock, busyWorkflows: ["locked"])
        await makeScheduler([try scheduled("locked", ["0 0 * * *"])], clock: clock, launcher: launcher, store: store)
            .runOnce()
        #expect(store.records.map(\.outcome) == [.skipped(.lockBusy)])
        #expect(SkipReason.lockBusy.description == "the workflow's run lock was held by another process")
    }

    @Test func gracefulStopWaitsForActiveRunsThenTimesOut() async throws {
        let clock = ManualClock(now: start)
        let launcher = SimulatedLauncher(clock: clock, duration: 3600)
        let store = InMemoryFireStore()
        let scheduler = makeScheduler(
            [try scheduled("long", ["* * * * *"], overlap: .allow)], clock: clock, launcher: launcher, store: store,
            stopTimeout: .seconds(300))
        let running = Task { try await scheduler.run() }
        await drive(scheduler, clock, to: start.addingTimeInterval(60), step: 60)
        await scheduler.stop()
        await drive(scheduler, clock, to: start.addingTimeInterval(400), step: 60)
        try await running.value
        // Nothing fired after the stop; the timeout (300 s after 00:01) ended the wait.
        #expect(launcher.launches.count == 2)
        #expect(clock.now == start.addingTimeInterval(400))
    }

    @Test func listingShowsLastFireAndNextTimes() async throws {
        let clock = ManualClock(now: start)
        let store = InMemoryFireStore()
        let launcher = SimulatedLauncher(clock: clock)
        let scheduler = makeScheduler(
            [try scheduled("nightly", ["30 2 * * 1-5"], zone: "Europe/London")], clock: clock, launcher: launcher,
            store: store)
        let running = Task { try await scheduler.run() }
        await jump(scheduler, clock, to: start.addingTimeInterval(86_400))
        let listing = await scheduler.listing(count: 3)
        await scheduler.stop()
        try await running.value
        #expect(listing.count == 1)
        #expect(listing[0].last?.summary == "02:30 fired")
        #expect(listing[0].next.map(iso) == ["2026-01-06T02:30:00Z", "2026-01-07T02:30:00Z", "2026-01-08T02:30:00Z"])
        #expect(launcher.launches.map(\.inputs) == [[:]])
    }
}

func hhmm(_ date: Date) -> String { String(iso(date).dropFirst(11).prefix(5)) }
func mmss(_ date: Date) -> String { String(iso(date).dropFirst(14).prefix(5)) }
