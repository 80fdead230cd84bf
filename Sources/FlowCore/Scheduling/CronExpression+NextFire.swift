import Foundation

extension CronExpression {
    /// Walks the local calendar from the minute after `date`, field by field over the bitsets, and maps
    /// each matching local minute to an instant with `rules`; the first instant after `date` wins.
    func nextFire(after date: Date, rules: TimeZoneRules) -> Date? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e13 else { return nil }
        let after = Int(seconds.rounded(.down))
        let firstMinute = CivilDate.floorDivide(after + rules.offset(at: after), 60) + 1
        let startDay = CivilDate.floorDivide(firstMinute, 1440)
        var (year, month, day) = CivilDate.date(days: startDay)
        let minuteOfDay = firstMinute - startDay * 1440
        var (hour, minute) = (minuteOfDay / 60, minuteOfDay % 60)
        let lastYear = year + 400
        while year <= lastYear {
            if months & (1 << UInt64(month)) == 0 {
                if let next = months.nextSetBit(from: month + 1) {
                    month = next
                } else {
                    year += 1
                    month = months.trailingZeroBitCount
                }
                (day, hour, minute) = (1, 0, 0)
            }
            guard let nextDay = dayMask(year: year, month: month).nextSetBit(from: day) else {
                (month, day, hour, minute) = month == 12 ? (1, 1, 0, 0) : (month + 1, 1, 0, 0)
                if month == 1 { year += 1 }
                continue
            }
            if nextDay != day { (day, hour, minute) = (nextDay, 0, 0) }
            guard let nextHour = hours.nextSetBit(from: hour) else {
                (day, hour, minute) = (day + 1, 0, 0)
                continue
            }
            if nextHour != hour { (hour, minute) = (nextHour, 0) }
            guard let nextMinute = minutes.nextSetBit(from: minute) else {
                (hour, minute) = (hour + 1, 0)
                continue
            }
            let local = CivilDate.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + nextMinute * 60
            let instant = rules.instant(forLocal: local)
            if instant > after { return Date(timeIntervalSince1970: Double(instant)) }
            minute = nextMinute + 1
        }
        return nil
    }
}
