/// The one duration grammar of every workflow file, flag and spec: unit components in the order
/// `h`, `m`, `s`, `ms`, `us`, each at most once (`250ms`, `2m`, `1h30m`, `1.5s`, `500us`), or a plain
/// non-negative number of seconds (`30`, `1.5`). Surrounding white space is ignored.
extension Duration {
    /// Parses `text` in the duration grammar; `nil` when the text is not a duration.
    public init?(parsing text: String) {
        let trimmed = text.trimmedForDuration()
        if trimmed.first?.isNumber == true, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let seconds = Double(trimmed)
        {
            self.init(workflowSeconds: seconds)
            return
        }
        guard let duration = Duration.sumOfComponents(trimmed) else { return nil }
        self = duration
    }

    /// A number of seconds (a YAML number, a plain number in a flag), when it is finite and not negative.
    public init?(workflowSeconds seconds: Double) {
        guard seconds.isFinite, seconds >= 0, seconds < 1e9 else { return nil }
        self = .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// The duration in seconds, as a `Double`.
    public var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The units, largest first: a component's unit must come after the previous one's.
    private static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("h", 3_600_000_000_000), ("ms", 1_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("us", 1000),
    ]
    private static let rank = ["h": 0, "m": 1, "s": 2, "ms": 3, "us": 4]

    /// `1h30m`, `1.5s`: at least one component, each a whole number of at most 9 digits with an optional
    /// fraction of at most 9 digits, then its unit.
    private static func sumOfComponents(_ text: Substring) -> Duration? {
        var rest = text
        var total = Duration.zero
        var lastRank = -1
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let whole = rest.prefix { $0.isASCII && $0.isNumber }
            guard !whole.isEmpty, whole.count <= 9, let value = Int64(whole) else { return nil }
            rest = rest.dropFirst(whole.count)
            var fraction: Substring = ""
            if rest.first == "." {
                fraction = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
                guard !fraction.isEmpty, fraction.count <= 9 else { return nil }
                rest = rest.dropFirst(1 + fraction.count)
            }
            guard let unit = units.first(where: { rest.hasPrefix($0.suffix) }), let unitRank = rank[unit.suffix],
                unitRank > lastRank
            else { return nil }
            lastRank = unitRank
            rest = rest.dropFirst(unit.suffix.count)
            total += .nanoseconds(unit.nanoseconds) * Int(value)
            if let part = Double("0." + fraction), part > 0 {
                total += .nanoseconds(Int64((part * Double(unit.nanoseconds)).rounded()))
            }
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
