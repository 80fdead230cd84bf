import JSONValue

/// Durations as workflow files write them: `250ms`, `30s`, `5m`, `2h`, `1h30m`, or a number of seconds.
extension Duration {
    /// Parses `text`: unit components in the order `h`, `m`, `s`, `ms` (each at most once, whole numbers),
    /// or a plain non-negative number of seconds (`30`, `1.5`). `nil` when the text is not a duration.
    public init?(parsing text: String) {
        let trimmed = text.trimmedForDuration()
        if trimmed.first?.isNumber == true, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let seconds = Double(trimmed)
        {
            self.init(workflowSeconds: seconds)
            return
        }
        guard let milliseconds = Duration.componentMilliseconds(trimmed) else { return nil }
        self = .milliseconds(milliseconds)
    }

    /// A number of seconds (from a YAML number), when it is finite and not negative.
    public init?(workflowSeconds seconds: Double) {
        guard seconds.isFinite, seconds >= 0, seconds < 1e9 else { return nil }
        self = .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// The shortest form a workflow file would use: `250ms`, `30s`, `5m`, `1h30m`, `1.5s`.
    public var workflowText: String {
        let (seconds, attoseconds) = components
        let nanoseconds = attoseconds / 1_000_000_000
        if seconds == 0 && nanoseconds == 0 { return "0s" }
        if nanoseconds % 1_000_000 != 0 {
            return JSON.format(Double(seconds) + Double(nanoseconds) / 1e9) + "s"
        }
        let milliseconds = nanoseconds / 1_000_000
        if seconds == 0 { return "\(milliseconds)ms" }
        if milliseconds != 0 { return JSON.format(Double(seconds) + Double(milliseconds) / 1000) + "s" }
        var text = ""
        let hours = seconds / 3600
        let minutes = seconds % 3600 / 60
        let rest = seconds % 60
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 { text += "\(rest)s" }
        return text
    }

    /// The duration in seconds, as a `Double`.
    public var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("h", 3_600_000), ("m", 60_000), ("s", 1000),
    ]
    private static let order = ["h": 0, "m": 1, "s": 2, "ms": 3]

    private static func componentMilliseconds(_ text: Substring) -> Int64? {
        var rest = text
        var total: Int64 = 0
        var lastRank = -1
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let value = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.suffix) }), let rank = order[unit.suffix],
                rank > lastRank
            else { return nil }
            lastRank = rank
            rest = rest.dropFirst(unit.suffix.count)
            total += value * unit.milliseconds
        }
        return total
    }
}

extension String {
    fileprivate func trimmedForDuration() -> Substring {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
