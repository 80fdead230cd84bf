import Foundation
import HavenClient

/// What `connectorstatus` says of the connector's last run.
struct LastRun {
    var token: String?
    var status: String
    var isRunning: Bool
    /// When the run was queued (`queued_time`, `DD/MM/YYYY HH:mm:ss +00:00`), if the server says.
    var queuedAt: Date?

    init(_ status: ConnectorStatus) {
        token = status.token
        self.status = status.status.rawValue
        isRunning = status.status.isRunning
        queuedAt = status.queuedTime.flatMap(Self.date)
    }

    /// After a kill, with no last run read before the first attempt: whether this run was queued at or
    /// after `startedAt` (the earlier process's record that it was about to start it), to the second;
    /// without a queued time, whether it is under way.
    func isNew(sinceStartedAt startedAt: Date) -> Bool {
        guard let queuedAt else { return isRunning }
        return queuedAt.timeIntervalSince1970 >= startedAt.timeIntervalSince1970.rounded(.down)
    }

    /// A time in the connector APIs' format, `DD/MM/YYYY HH:mm:ss +00:00`.
    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "dd/MM/yyyy HH:mm:ss xxx"
        return formatter.date(from: text)
    }

    /// Whether this is another run than `earlier`: its token differs, or — from a server that names no
    /// run — it is under way where none was.
    func isNew(since earlier: LastRun) -> Bool {
        if let token { return token != earlier.token }
        return earlier.token == nil && isRunning && !earlier.isRunning
    }
}
