/// The one renderer of durations. `describe` writes the grammar of ``Duration/init(parsing:)`` (what
/// files, flags, fault specs and the console show: `250ms`, `1.5s`, `2m`, `1h30m`, `0.5ms`), and what it
/// writes parses back to the same duration to the nanosecond. `spoken` is the same value for sentences
/// (`100 ms`, `2 s`, `1.5 min`), as the client's error messages say it.
public enum DurationText {
    /// The shortest text of the grammar: whole hours, minutes and seconds as `1h30m15s`; under a second,
    /// milliseconds (`250ms`, `0.5ms`); otherwise seconds with their fraction (`1.5s`). Zero is `0ms`.
    public static func describe(_ duration: Duration) -> String {
        let nanoseconds = wholeNanoseconds(duration)
        if nanoseconds < 1_000_000_000 { return decimal(nanoseconds, per: 1_000_000) + "ms" }
        if nanoseconds % 1_000_000_000 != 0 { return decimal(nanoseconds, per: 1_000_000_000) + "s" }
        var seconds = nanoseconds / 1_000_000_000
        var text = ""
        if seconds >= 3600 {
            text += "\(seconds / 3600)h"
            seconds %= 3600
        }
        if seconds >= 60 {
            text += "\(seconds / 60)m"
            seconds %= 60
        }
        if seconds > 0 { text += "\(seconds)s" }
        return text
    }

    /// For sentences: under a second in milliseconds (`100 ms`, `0.5 ms`), from two minutes on in minutes
    /// (`2 min`, `2.5 min`), seconds otherwise (`2 s`, `1.5 s`); at most two decimals.
    public static func spoken(_ duration: Duration) -> String {
        let value = duration.secondsValue
        if value >= 120 { return "\(twoDecimals(value / 60)) min" }
        if value < 1 { return "\(twoDecimals(value * 1000)) ms" }
        return "\(twoDecimals(value)) s"
    }

    /// For tables, rounded to what a person reads at a glance: `340ms`, `12.4s`, `4m05s`, `2h03m` (what
    /// `havenflow runs` and `show` print).
    public static func rounded(milliseconds ms: Int) -> String {
        if ms < 1000 { return "\(ms)ms" }
        if ms < 60_000 {
            let tenths = (ms + 50) / 100
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let seconds = ms / 1000
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        if seconds < 3600 { return "\(seconds / 60)m\(two(seconds % 60))s" }
        return "\(seconds / 3600)h\(two(seconds % 3600 / 60))m"
    }

    /// The duration in whole nanoseconds, negative durations as zero.
    private static func wholeNanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// `value / unit` written exactly, without trailing zeros: `1500 / 1000` is `1.5`.
    private static func decimal(_ value: Int64, per unit: Int64) -> String {
        let whole = value / unit
        var fraction = value % unit
        guard fraction != 0 else { return "\(whole)" }
        var digits = String(unit).count - 1
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }

    private static func twoDecimals(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }
}

extension Duration {
    /// ``DurationText/describe(_:)`` of the duration: `250ms`, `30s`, `5m`, `1h30m`, `1.5s`.
    public var workflowText: String { DurationText.describe(self) }
}
