import Foundation

/// The time formats of the Haven API, written by hand (no formatter on the hot path).
enum HavenTime {
    private static func parts(_ time: Double) -> tm {
        var seconds = time_t(time.rounded(.down))
        var value = tm()
        gmtime_r(&seconds, &value)
        return value
    }

    private static func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `DD/MM/YYYY HH:mm:ss +00:00`, the connector APIs' format.
    static func connector(_ time: Double) -> String {
        let t = parts(time)
        return "\(two(t.tm_mday))/\(two(t.tm_mon + 1))/\(t.tm_year + 1900) \(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec)) +00:00"
    }

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Mon Mar 10 2014 19:29:47 GMT+0000 (UTC)`, listresources' `date_created`.
    static func resource(_ time: Double) -> String {
        let t = parts(time)
        return "\(days[Int(t.tm_wday)]) \(months[Int(t.tm_mon)]) \(two(t.tm_mday)) \(t.tm_year + 1900) "
            + "\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec)) GMT+0000 (UTC)"
    }

    /// RFC 3339 UTC with milliseconds, for the audit log.
    static func rfc3339(_ time: Double) -> String {
        let t = parts(time)
        let millis = Int((time - time.rounded(.down)) * 1000)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(t.tm_year + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday))T\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec)).\(fraction)Z"
    }
}
