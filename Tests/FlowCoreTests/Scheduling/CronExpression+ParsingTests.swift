import FlowCore
import Testing

@Suite struct CronParsingTests {
    static let valid: [(String, CronTestField, [Int])] = [
        ("*/15 * * * *", .minute, [0, 15, 30, 45]),
        ("1-30/5 * * * *", .minute, [1, 6, 11, 16, 21, 26]),
        ("5/10 * * * *", .minute, [5, 15, 25, 35, 45, 55]),
        ("0,30 * * * *", .minute, [0, 30]),
        ("0 9-17 * * *", .hour, Array(9...17)),
        ("*/20 */6 * * *", .hour, [0, 6, 12, 18]),
        ("  0   12 * * *  ", .hour, [12]),
        ("0 0 1,15,31 * *", .dayOfMonth, [1, 15, 31]),
        ("0 0 * * *", .dayOfMonth, Array(1...31)),
        ("0 0 * JAN-MAR,dec *", .month, [1, 2, 3, 12]),
        ("0 0 * */3 *", .month, [1, 4, 7, 10]),
        ("0 0 * * MON-FRI", .dayOfWeek, [1, 2, 3, 4, 5]),
        ("0 0 * * 7", .dayOfWeek, [0]),
        ("0 0 * * 5-7", .dayOfWeek, [0, 5, 6]),
        ("0 0 * * sun,Sat", .dayOfWeek, [0, 6]),
        ("0 0 * * *", .dayOfWeek, Array(0...6)),
        ("@hourly", .minute, [0]),
        ("@hourly", .hour, Array(0...23)),
        ("@daily", .hour, [0]),
        ("@midnight", .minute, [0]),
        ("@weekly", .dayOfWeek, [0]),
        ("@monthly", .dayOfMonth, [1]),
        ("@yearly", .month, [1]),
        ("@ANNUALLY", .dayOfMonth, [1]),
    ]

    @Test(arguments: valid)
    func parsesFieldValues(text: String, field: CronTestField, values: [Int]) throws {
        let cron = try CronExpression.parse(text)
        #expect(field.values(of: cron) == values)
        #expect(cron.description == text)
    }

    @Test func dayFieldsCombineAsInVixieCron() throws {
        let both = try CronExpression.parse("0 0 13 * FRI")
        #expect(!both.dayOfMonthIsStar && !both.dayOfWeekIsStar)
        let stepped = try CronExpression.parse("0 0 */2 * MON")
        #expect(stepped.dayOfMonthIsStar && !stepped.dayOfWeekIsStar)
    }

    static let invalid: [(String, String, Int)] = [
        ("", "expected 5 fields (minute hour day-of-month month day-of-week), found 0", 0),
        ("* * * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 4", 0),
        ("* * * * * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 6", 10),
        ("61 * * * *", "minute value 61 is out of range 0–59", 0),
        ("0 24 * * *", "hour value 24 is out of range 0–23", 2),
        ("0 0 0 * *", "day-of-month value 0 is out of range 1–31", 4),
        ("0 0 * 13 *", "month value 13 is out of range 1–12", 6),
        ("0 0 * * 8", "day-of-week value 8 is out of range 0–7", 8),
        ("0 0 * * MOM", "unknown day name 'MOM'; did you mean 'MON'?", 8),
        ("0 0 * * MON-FRU", "unknown day name 'FRU'; did you mean 'FRI'?", 12),
        ("0 0 * * Tuesday", "unknown day name 'Tuesday'; did you mean 'TUE'?", 8),
        ("0 0 * JANUARY *", "unknown month name 'JANUARY'; did you mean 'JAN'?", 6),
        ("0 0 * * XYZ", "unknown day name 'XYZ'; expected one of SUN, MON, TUE, WED, THU, FRI, SAT", 8),
        ("MON * * * *", "minute value 'MON' is not a number", 0),
        ("*/0 * * * *", "minute step 0 is out of range 1–59", 2),
        ("*/60 * * * *", "minute step 60 is out of range 1–59", 2),
        ("*/ * * * *", "missing step after '/' in the minute field", 1),
        ("/5 * * * *", "missing value before '/' in the minute field", 0),
        ("*/x * * * *", "minute step 'x' is not a number", 2),
        ("0 22-2 * * *", "hour range 22-2 is backwards: the start must not come after the end", 2),
        ("1,,2 * * * *", "empty entry in the minute field", 2),
        ("5- * * * *", "missing value in the minute field", 2),
        ("0 0 ? * *", "unexpected character '?' in the day-of-month field", 4),
        ("0 9 * * 1-5/0", "day-of-week step 0 is out of range 1–7", 12),
        ("0 0 30 2 *", "day-of-month 30 never occurs in February", 4),
        ("0 0 31 APR,JUN *", "day-of-month 31 never occurs in April or June", 4),
        ("@hourlly", "unknown macro '@hourlly'; did you mean '@hourly'?", 0),
        ("@fortnightly", "unknown macro '@fortnightly'; expected one of @hourly, @daily, @midnight, @weekly, "
            + "@monthly, @yearly, @annually", 0),
        ("@reboot", "@reboot is not supported: a schedule needs times", 0),
        ("@daily 5", "@daily takes no fields, found '5'", 7),
    ]

    @Test(arguments: invalid)
    func rejectsWithSentenceAndOffset(text: String, message: String, offset: Int) {
        #expect(throws: CronError(message: message, offset: offset)) { try CronExpression.parse(text) }
    }
}

enum CronTestField: Sendable, CustomTestStringConvertible {
    case minute, hour, dayOfMonth, month, dayOfWeek

    func values(of cron: CronExpression) -> [Int] {
        let bits = [cron.minutes, cron.hours, cron.daysOfMonth, cron.months, cron.daysOfWeek][
            [.minute, .hour, .dayOfMonth, .month, .dayOfWeek].firstIndex(of: self)!]
        return (0..<64).filter { bits & (1 << UInt64($0)) != 0 }
    }

    var testDescription: String { "\(self)" }
}
