import FlowCore
import Foundation
import Testing

@Suite struct CronNextFireTests {
    static let table: [(cron: String, zone: String, after: String, expected: [String])] = [
        ("*/15 * * * *", "UTC", "2026-01-01T00:07:30Z",
         ["2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:45:00Z", "2026-01-01T01:00:00Z"]),
        ("*/15 * * * *", "UTC", "2026-01-01T00:15:00Z", ["2026-01-01T00:30:00Z"]),
        ("0 0 1 * *", "UTC", "2026-01-15T00:00:00Z",
         ["2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"]),
        ("0 12 31 * *", "UTC", "2026-01-31T12:00:00Z", ["2026-03-31T12:00:00Z", "2026-05-31T12:00:00Z"]),
        ("0 0 29 2 *", "UTC", "2026-01-01T00:00:00Z", ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"]),
        ("@yearly", "UTC", "2026-06-01T00:00:00Z", ["2027-01-01T00:00:00Z"]),
        // Both day fields restricted: Fridays OR the 13th.
        ("0 0 13 * FRI", "UTC", "2026-01-01T00:00:00Z",
         ["2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-13T00:00:00Z", "2026-01-16T00:00:00Z"]),
        // Day-of-month starts with `*`: Mondays AND days 1, 11, 21, 31.
        ("0 0 */10 * MON", "UTC", "2026-01-01T00:00:00Z", ["2026-05-11T00:00:00Z", "2026-06-01T00:00:00Z"]),
        ("30 2 * * 1-5", "Europe/London", "2026-01-02T12:00:00Z",
         ["2026-01-05T02:30:00Z", "2026-01-06T02:30:00Z"]),
        ("30 2 * * 1-5", "Europe/London", "2026-07-03T12:00:00Z",
         ["2026-07-06T01:30:00Z", "2026-07-07T01:30:00Z"]),
        // New York, spring forward 2026-03-08 02:00 EST → 03:00 EDT (07:00Z): skipped times fire at 03:00.
        ("0 2 * * *", "America/New_York", "2026-03-07T12:00:00Z",
         ["2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z"]),
        ("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z",
         ["2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"]),
        ("*/15 * * * *", "America/New_York", "2026-03-08T06:20:00Z",
         ["2026-03-08T06:30:00Z", "2026-03-08T06:45:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:15:00Z"]),
        // New York, fall back 2026-11-01 02:00 EDT → 01:00 EST (06:00Z): 01:xx fires once, in EDT.
        ("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z",
         ["2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"]),
        ("30 1 * * *", "America/New_York", "2026-11-01T05:30:00Z", ["2026-11-02T06:30:00Z"]),
        ("30 1 * * *", "America/New_York", "2026-11-01T06:10:00Z", ["2026-11-02T06:30:00Z"]),
        ("*/15 * * * *", "America/New_York", "2026-11-01T05:20:00Z",
         ["2026-11-01T05:30:00Z", "2026-11-01T05:45:00Z", "2026-11-01T07:00:00Z", "2026-11-01T07:15:00Z"]),
        ("*/15 * * * *", "America/New_York", "2026-11-01T06:20:00Z", ["2026-11-01T07:00:00Z"]),
        // London: 2026-03-29 01:00 GMT → 02:00 BST; 2026-10-25 02:00 BST → 01:00 GMT (01:00Z).
        ("30 1 * * *", "Europe/London", "2026-03-28T12:00:00Z",
         ["2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"]),
        ("30 1 * * *", "Europe/London", "2026-10-24T12:00:00Z",
         ["2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"]),
        // Lord Howe: 30-minute shifts. 2026-04-05 02:00 (+11) → 01:30 (+10:30); 2026-10-04 02:00 → 02:30.
        ("45 1 * * *", "Australia/Lord_Howe", "2026-04-04T00:00:00Z",
         ["2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z"]),
        ("15 2 * * *", "Australia/Lord_Howe", "2026-10-03T00:00:00Z",
         ["2026-10-03T15:30:00Z", "2026-10-04T15:15:00Z"]),
        ("*/15 * * * *", "Australia/Lord_Howe", "2026-10-03T15:10:00Z",
         ["2026-10-03T15:15:00Z", "2026-10-03T15:30:00Z", "2026-10-03T15:45:00Z"]),
    ]

    @Test(arguments: table)
    func nextFireTimes(cron: String, zone: String, after: String, expected: [String]) throws {
        let expression = try CronExpression.parse(cron)
        let timeZone = try #require(TimeZone(identifier: zone))
        let fires = expression.nextFires(after: utc(after), in: timeZone, count: expected.count)
        #expect(fires.map(iso) == expected)
    }

    @Test func neverFiringExpressionEnds() throws {
        // February 30 is refused when parsed; OR-ed day fields always find a day, so a never-firing
        // expression cannot be written; nextFire still ends for dates far outside the calendar.
        let cron = try CronExpression.parse("0 0 * * *")
        #expect(cron.nextFire(after: Date(timeIntervalSince1970: .infinity), in: .gmt) == nil)
    }

    @Test(arguments: ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"])
    func everyMinuteMatchesFoundationLocalTime(zone: String) throws {
        // Walk two years hour by hour; each fire must be the local time Foundation reports.
        let timeZone = try #require(TimeZone(identifier: zone))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let cron = try CronExpression.parse("7 * * * *")
        var cursor = utc("2025-01-01T00:00:00Z")
        var previous = cursor
        for _ in 0..<(2 * 365 * 24) {
            let next = try #require(cron.nextFire(after: cursor, in: timeZone))
            let parts = calendar.dateComponents([.hour, .minute], from: next)
            let inGap = parts.minute != 7
            #expect(next > previous)
            if inGap {
                // Only at a spring-forward: the instant is a transition, just after a skipped 07 minute.
                #expect(timeZone.secondsFromGMT(for: next) != timeZone.secondsFromGMT(for: next - 1))
            }
            previous = next
            cursor = next
        }
    }
}

func utc(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

func iso(_ date: Date) -> String {
    date.formatted(.iso8601)
}
