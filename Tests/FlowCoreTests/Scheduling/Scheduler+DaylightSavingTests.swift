import FlowCore
import FlowCoreTesting
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1))) struct SchedulerDaylightSavingTests {
    static let changes: [(String, String, String, [String], Int)] = [
        // Spring forward: 02:00 does not exist; it fires at 03:00 EDT (07:00Z), once.
        ("spring", "2026-03-07T00:00:00Z", "2026-03-09T12:00:00Z",
         ["2026-03-07T07:00:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z"], 241),
        // Fall back: 01:30 occurs twice; it fires at the first (EDT) only. `*/15` skips the repeated hour.
        ("fall", "2026-10-31T00:00:00Z", "2026-11-02T12:00:00Z",
         ["2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"], 237),
    ]

    @Test(arguments: changes)
    func noFireLostOrDoubledAcrossTheChange(
        name: String, from: String, to: String, fixed: [String], quarterHours: Int
    ) async throws {
        let clock = ManualClock(now: utc(from))
        let launcher = SimulatedLauncher(clock: clock)
        let fixedCron = name == "spring" ? "0 2 * * *" : "30 1 * * *"
        let scheduler = Scheduler(
            workflows: [
                try scheduled("fixed", [fixedCron], zone: "America/New_York"),
                try scheduled("quarter", ["*/15 * * * *"], zone: "America/New_York"),
            ],
            clock: clock, store: InMemoryFireStore(), launcher: launcher)
        let running = Task { try await scheduler.run() }
        await jump(scheduler, clock, to: utc(to))
        await scheduler.stop()
        try await running.value
        let fixedFires = launcher.launches.filter { $0.workflow == "fixed" }.map(\.scheduledAt)
        #expect(fixedFires.map(iso) == fixed)
        let quarter = launcher.launches.filter { $0.workflow == "quarter" }.map(\.scheduledAt)
        #expect(quarter.count == quarterHours)
        #expect(Set(quarter).count == quarter.count)
        #expect(quarter.allSatisfy { Int($0.timeIntervalSince1970) % 900 == 0 })
        #expect(launcher.launches.allSatisfy { $0.startedAt == $0.scheduledAt })
    }

    @Test func aThousandWorkflowsFireInTheirMinute() async throws {
        let start = utc("2026-01-05T00:00:00Z")
        let clock = ManualClock(now: start)
        let launcher = SimulatedLauncher(clock: clock, duration: 20)
        let workflows = try (0..<1000).map { try scheduled("w\($0)", ["* * * * *"]) }
        let scheduler = Scheduler(
            workflows: workflows, clock: clock, store: InMemoryFireStore(), launcher: launcher,
            configuration: .init(stopTimeout: .zero))
        let running = Task { try await scheduler.run() }
        await drive(scheduler, clock, to: start.addingTimeInterval(600), step: 10)
        await scheduler.stop()
        try await running.value
        let launches = launcher.launches
        #expect(launches.count == 11 * 1000)
        #expect(launches.allSatisfy { $0.startedAt.timeIntervalSince($0.scheduledAt) < 1 })
        #expect(Set(launches.map { "\($0.workflow)@\($0.scheduledAt)" }).count == launches.count)
    }
}
