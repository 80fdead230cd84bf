extension RetryPolicy {
    /// The pause after failed attempt number `attempt` (1-based): `delay`, doubled per attempt under
    /// `exponential`, capped at `maxDelay`; with `jitter`, a uniformly random part of it ("full jitter"),
    /// `random` being a number in `0..<1`.
    public func delay(afterAttempt attempt: Int, random: Double) -> Duration {
        var pause = delay
        if backoff == .exponential {
            for _ in 1..<max(1, attempt) {
                pause *= 2
                if pause >= maxDelay { break }
            }
        }
        pause = min(pause, maxDelay)
        guard jitter else { return pause }
        return pause * min(max(random, 0), 1)
    }
}

/// Short human text for durations: `250ms`, `30s`, `2m`, `1h30m`.
enum DurationText {
    static func describe(_ duration: Duration) -> String {
        let milliseconds = duration.milliseconds
        if milliseconds < 1000 || milliseconds % 1000 != 0 {
            return milliseconds < 1000 ? "\(milliseconds)ms" : "\(Double(milliseconds) / 1000)s"
        }
        var seconds = milliseconds / 1000
        var text = ""
        if seconds >= 3600 {
            text += "\(seconds / 3600)h"
            seconds %= 3600
        }
        if seconds >= 60 {
            text += "\(seconds / 60)m"
            seconds %= 60
        }
        if seconds > 0 || text.isEmpty { text += "\(seconds)s" }
        return text
    }
}
