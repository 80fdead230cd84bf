import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`) or a macro such as `@daily`.
///
/// Each field is held as a bitset: bit `n` set means value `n` matches. Day-of-week uses bits 0–6 with
/// 0 = Sunday (7 is read as Sunday too). When both day fields are restricted (neither starts with `*`),
/// a day matches if *either* matches, as in Vixie cron; otherwise both must match.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    public let minutes: UInt64
    public let hours: UInt64
    public let daysOfMonth: UInt64
    public let months: UInt64
    public let daysOfWeek: UInt64
    /// The day-of-month field starts with `*` (Vixie cron's rule for AND versus OR of the day fields).
    public let dayOfMonthIsStar: Bool
    /// The day-of-week field starts with `*`.
    public let dayOfWeekIsStar: Bool
    /// `weekdayMasks[w]`: the days 1…31 of a month whose first day is weekday `w` that match day-of-week.
    let weekdayMasks: [UInt64]

    init(
        source: String, minutes: UInt64, hours: UInt64, daysOfMonth: UInt64, months: UInt64,
        daysOfWeek: UInt64, dayOfMonthIsStar: Bool, dayOfWeekIsStar: Bool
    ) {
        self.source = source
        self.minutes = minutes
        self.hours = hours
        self.daysOfMonth = daysOfMonth
        self.months = months
        self.daysOfWeek = daysOfWeek
        self.dayOfMonthIsStar = dayOfMonthIsStar
        self.dayOfWeekIsStar = dayOfWeekIsStar
        weekdayMasks = (0..<7).map { Self.daysMatching(daysOfWeek, firstWeekday: $0) }
    }

    private static func daysMatching(_ daysOfWeek: UInt64, firstWeekday: Int) -> UInt64 {
        var mask: UInt64 = 0
        for day in 1...31 where daysOfWeek & (1 << UInt64((firstWeekday + day - 1) % 7)) != 0 {
            mask |= 1 << UInt64(day)
        }
        return mask
    }

    /// Parses `text`; errors carry the 0-based character offset of the offending field or token.
    public static func parse(_ text: String) throws(CronError) -> CronExpression {
        try CronParser(text).parse()
    }

    /// The first fire time strictly after `date` in `timeZone`, following the DST rules of the spec:
    /// a local time skipped by a spring-forward fires at the first instant after the gap (the transition
    /// itself, e.g. 03:00 in New York); a local time that occurs twice fires once, at its first occurrence.
    /// `nil` when the expression never fires again.
    public func nextFire(after date: Date, in timeZone: TimeZone) -> Date? {
        nextFire(after: date, rules: TimeZoneRules.rules(for: timeZone))
    }

    /// The next `count` fire times after `date`.
    public func nextFires(after date: Date, in timeZone: TimeZone, count: Int) -> [Date] {
        let rules = TimeZoneRules.rules(for: timeZone)
        var fires: [Date] = []
        var cursor = date
        while fires.count < count, let next = nextFire(after: cursor, rules: rules) {
            fires.append(next)
            cursor = next
        }
        return fires
    }

    /// The days of the month `month` of `year` (bits 1…31) on which the expression fires.
    func dayMask(year: Int, month: Int) -> UInt64 {
        let first = CivilDate.weekday(days: CivilDate.days(year: year, month: month, day: 1))
        let byWeekday = weekdayMasks[first]
        let matching = dayOfMonthIsStar || dayOfWeekIsStar ? daysOfMonth & byWeekday : daysOfMonth | byWeekday
        return matching & ((2 << UInt64(CivilDate.daysIn(year: year, month: month))) - 2)
    }

    public var description: String { source }
}

extension UInt64 {
    /// The lowest set bit at or above `index`, if any.
    @inline(__always)
    func nextSetBit(from index: Int) -> Int? {
        guard index < 64 else { return nil }
        let masked = self & (~0 << UInt64(index))
        return masked == 0 ? nil : masked.trailingZeroBitCount
    }
}
