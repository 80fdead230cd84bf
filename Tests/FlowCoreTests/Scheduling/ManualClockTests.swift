import FlowCore
import FlowCoreTesting
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1))) struct ManualClockTests {
    @Test func advanceWakesDueSleepersOnly() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 0))
        let early = Task { try await clock.sleep(until: Date(timeIntervalSince1970: 10)) }
        let late = Task { try await clock.sleep(until: Date(timeIntervalSince1970: 100)) }
        while clock.nextDeadline != Date(timeIntervalSince1970: 10) { await Task.yield() }
        clock.advance(to: Date(timeIntervalSince1970: 50))
        try await early.value
        #expect(clock.nextDeadline == Date(timeIntervalSince1970: 100))
        late.cancel()
        await #expect(throws: CancellationError.self) { try await late.value }
        #expect(clock.nextDeadline == nil)
    }

    @Test func pastDeadlinesReturnAtOnce() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 100))
        try await clock.sleep(until: Date(timeIntervalSince1970: 100))
        clock.advance(to: Date(timeIntervalSince1970: 50))
        #expect(clock.now == Date(timeIntervalSince1970: 100))
    }
}
