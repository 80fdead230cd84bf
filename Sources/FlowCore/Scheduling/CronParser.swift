/// Reads the text of a cron expression into a `CronExpression`, or fails with a sentence and an offset.
struct CronParser {
    private let scalars: [Unicode.Scalar]
    private let text: String

    init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    func parse() throws(CronError) -> CronExpression {
        let words = splitWords()
        if let first = words.first, scalars[first.lowerBound] == "@" {
            return try parseMacro(words)
        }
        guard words.count == 5 else {
            throw CronError(
                message: "expected 5 fields (minute hour day-of-month month day-of-week), found \(words.count)",
                offset: words.count > 5 ? words[5].lowerBound : 0)
        }
        var sets: [UInt64] = []
        for (field, word) in zip(CronField.allCases, words) {
            sets.append(try parseField(field, word))
        }
        let expression = CronExpression(
            source: text, minutes: sets[0], hours: sets[1], daysOfMonth: sets[2], months: sets[3],
            daysOfWeek: sets[4], dayOfMonthIsStar: scalars[words[2].lowerBound] == "*",
            dayOfWeekIsStar: scalars[words[4].lowerBound] == "*")
        try checkDaysExist(expression, at: words[2].lowerBound)
        return expression
    }

    private func splitWords() -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        for index in 0...scalars.count {
            let isSpace = index == scalars.count || scalars[index] == " " || scalars[index] == "\t"
            if isSpace, let begin = start {
                words.append(begin..<index)
                start = nil
            } else if !isSpace, start == nil {
                start = index
            }
        }
        return words
    }

    private func string(_ range: Range<Int>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[range])
        return result
    }

    private func parseMacro(_ words: [Range<Int>]) throws(CronError) -> CronExpression {
        let name = string(words[0]).lowercased()
        let macros = [
            "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
            "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
        ]
        guard let expansion = macros[name] else {
            if name == "@reboot" {
                throw CronError(
                    message: "@reboot is not supported: a schedule needs times", offset: words[0].lowerBound)
            }
            let known = ["@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually"]
            if let guess = CronNames.suggestion(for: name, among: known) {
                throw CronError(
                    message: "unknown macro '\(string(words[0]))'; did you mean '\(guess)'?",
                    offset: words[0].lowerBound)
            }
            throw CronError(
                message: "unknown macro '\(string(words[0]))'; expected one of \(known.joined(separator: ", "))",
                offset: words[0].lowerBound)
        }
        if words.count > 1 {
            throw CronError(
                message: "\(name) takes no fields, found '\(string(words[1]))'", offset: words[1].lowerBound)
        }
        let parsed = try CronParser(expansion).parse()
        return CronExpression(
            source: text, minutes: parsed.minutes, hours: parsed.hours, daysOfMonth: parsed.daysOfMonth,
            months: parsed.months, daysOfWeek: parsed.daysOfWeek, dayOfMonthIsStar: parsed.dayOfMonthIsStar,
            dayOfWeekIsStar: parsed.dayOfWeekIsStar)
    }

    /// A comma list of `*`, `N`, `N-M`, each with an optional `/STEP`.
    private func parseField(_ field: CronField, _ word: Range<Int>) throws(CronError) -> UInt64 {
        var bits: UInt64 = 0
        var start = word.lowerBound
        for index in word.lowerBound...word.upperBound where index == word.upperBound || scalars[index] == "," {
            guard index > start else {
                throw CronError(message: "empty entry in the \(field.name) field", offset: start)
            }
            bits |= try parseItem(field, start..<index)
            start = index + 1
        }
        if field == .dayOfWeek, bits & (1 << 7) != 0 { bits = (bits | 1) & ~(1 << 7) }
        return bits
    }

    private func parseItem(_ field: CronField, _ item: Range<Int>) throws(CronError) -> UInt64 {
        var base = item
        var step = 1
        if let slash = item.first(where: { scalars[$0] == "/" }) {
            base = item.lowerBound..<slash
            let stepText = slash + 1..<item.upperBound
            guard !stepText.isEmpty else {
                throw CronError(message: "missing step after '/' in the \(field.name) field", offset: slash)
            }
            guard let value = number(stepText) else {
                throw CronError(
                    message: "\(field.name) step '\(string(stepText))' is not a number", offset: stepText.lowerBound)
            }
            let span = field.range.upperBound - field.range.lowerBound
            guard (1...span).contains(value) else {
                throw CronError(
                    message: "\(field.name) step \(value) is out of range 1–\(span)", offset: stepText.lowerBound)
            }
            step = value
        }
        guard !base.isEmpty else {
            throw CronError(message: "missing value before '/' in the \(field.name) field", offset: item.lowerBound)
        }
        var low = field.range.lowerBound
        var high = field.range.upperBound
        if base.count == 1, scalars[base.lowerBound] == "*" {
            // every value
        } else if let dash = base.dropFirst().first(where: { scalars[$0] == "-" }) {
            low = try value(field, base.lowerBound..<dash)
            high = try value(field, dash + 1..<base.upperBound)
            guard low <= high else {
                throw CronError(
                    message: "\(field.name) range \(string(base)) is backwards: the start must not come after the end",
                    offset: base.lowerBound)
            }
        } else {
            low = try value(field, base)
            high = base == item ? low : field.range.upperBound
        }
        var bits: UInt64 = 0
        for value in stride(from: low, through: high, by: step) { bits |= 1 << UInt64(value) }
        return bits
    }

    private func value(_ field: CronField, _ range: Range<Int>) throws(CronError) -> Int {
        guard !range.isEmpty else {
            throw CronError(message: "missing value in the \(field.name) field", offset: range.lowerBound)
        }
        let token = string(range)
        if let value = number(range) {
            guard field.range.contains(value) else {
                throw CronError(
                    message: "\(field.name) value \(value) is out of range "
                        + "\(field.range.lowerBound)–\(field.range.upperBound)",
                    offset: range.lowerBound)
            }
            return value
        }
        let isNameOrDigit = { (scalar: Unicode.Scalar) in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        }
        if let bad = range.first(where: { !isNameOrDigit(scalars[$0]) }) {
            throw CronError(message: "unexpected character '\(scalars[bad])' in the \(field.name) field", offset: bad)
        }
        guard let names = field.names else {
            throw CronError(message: "\(field.name) value '\(token)' is not a number", offset: range.lowerBound)
        }
        if let index = names.firstIndex(of: token.uppercased()) { return index + field.nameBase }
        if let guess = CronNames.suggestion(for: token.uppercased(), among: names) {
            throw CronError(
                message: "unknown \(field.nameKind) name '\(token)'; did you mean '\(guess)'?",
                offset: range.lowerBound)
        }
        throw CronError(
            message: "unknown \(field.nameKind) name '\(token)'; expected one of \(names.joined(separator: ", "))",
            offset: range.lowerBound)
    }

    private func number(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 4, range.allSatisfy({ ("0"..."9").contains(scalars[$0]) }) else {
            return nil
        }
        return range.reduce(0) { $0 * 10 + Int(scalars[$1].value - 48) }
    }

    /// With day-of-week unrestricted, a day-of-month that no chosen month has would never fire.
    private func checkDaysExist(_ expression: CronExpression, at offset: Int) throws(CronError) {
        guard expression.dayOfWeekIsStar, !expression.dayOfMonthIsStar else { return }
        let chosen = (1...12).filter { expression.months & (1 << UInt64($0)) != 0 }
        let longest = chosen.map { CivilDate.daysIn(year: 2000, month: $0) }.max() ?? 31
        let first = expression.daysOfMonth.trailingZeroBitCount
        guard first > longest else { return }
        let names = chosen.map { CronNames.monthNames[$0 - 1] }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!
        throw CronError(message: "day-of-month \(first) never occurs in \(list)", offset: offset)
    }
}

/// The five fields, their ranges and their names.
enum CronField: Int, CaseIterable {
    case minute, hour, dayOfMonth, month, dayOfWeek

    var name: String { ["minute", "hour", "day-of-month", "month", "day-of-week"][rawValue] }
    var range: ClosedRange<Int> { [0...59, 0...23, 1...31, 1...12, 0...7][rawValue] }
    var names: [String]? {
        switch self {
        case .month: CronNames.months
        case .dayOfWeek: CronNames.days
        default: nil
        }
    }
    var nameBase: Int { self == .month ? 1 : 0 }
    var nameKind: String { self == .month ? "month" : "day" }
}

enum CronNames {
    static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    static let days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// The closest known name: a prefix match (`MONDAY` → `MON`) or one edit away (`MOM` → `MON`).
    static func suggestion(for word: String, among names: [String]) -> String? {
        if let prefix = names.first(where: { word.count > $0.count && word.hasPrefix($0) }) { return prefix }
        let close = names.filter { distance(Array(word), Array($0)) <= 1 }
        return close.count == 1 ? close[0] : nil
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
