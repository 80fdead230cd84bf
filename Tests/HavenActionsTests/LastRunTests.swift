@testable import HavenActions
import HavenClient
import JSONValue
import Testing

/// How a retried start tells the run its lost attempt started from the one that was there before.
struct LastRunTests {
    static func run(_ status: String, token: String?) -> LastRun {
        var json: JSON = ["connector": "wiki", "status": .string(status)]
        if let token { json = ["connector": "wiki", "status": .string(status), "token": .string(token)] }
        return LastRun(ConnectorStatus(json: json))
    }

    @Test(arguments: [
        // (before, now, new?)
        (run("FINISHED", token: "t1"), run("FINISHED", token: "t2"), true),  // started and ended meanwhile
        (run("FINISHED", token: "t1"), run("PROCESSING", token: "t2"), true),
        (run("IDLE", token: nil), run("QUEUED", token: "t1"), true),  // the connector's first run
        (run("PROCESSING", token: "t1"), run("PROCESSING", token: "t1"), false),  // the run that was there
        (run("FINISHED", token: "t1"), run("FINISHED", token: "t1"), false),
        // A server that names no run: only "under way where none was" tells.
        (run("FINISHED", token: nil), run("PROCESSING", token: nil), true),
        (run("PROCESSING", token: nil), run("PROCESSING", token: nil), false),
        (run("FINISHED", token: nil), run("FINISHED", token: nil), false),
    ])
    func anotherRunIsNew(before: LastRun, now: LastRun, new: Bool) {
        #expect(now.isNew(since: before) == new)
    }
}
