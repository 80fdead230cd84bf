import FlowCore
import FlowRuntime
import Foundation
import PostgresTesting
import Testing

/// A scheduler whose PostgreSQL store goes away: it fires nothing it cannot claim, keeps trying, logs the
/// failures once a minute rather than once per call, and fires again when the database is back — the
/// due times it could not claim meanwhile included (within the grace).
@Suite(.timeLimit(.minutes(4))) struct MultiHostDatabaseOutageTests {
    @Test func theSchedulerLogsAnUnreachableDatabaseOnceAMinuteAndFiresAgainWhenItIsBack() async throws {
        // A cluster of its own: stopping the shared one would fail the tests running meanwhile.
        let server = try await PostgresServer.dedicated()
        let url = try server.freshURL()
        let database = MultiHostPostgresTests.database(url)
        let folder = try await MultiHostPostgresTests.dueWorkflows(10, url: url)
        // Start between seconds 10 and 35 of a minute: the database is then down across the next minute's
        // start, for less than a minute (one log line).
        let second = Int(Date().timeIntervalSince1970) % 60
        if second < 10 { try await Task.sleep(for: .seconds(10 - second)) }
        if second > 35 { try await Task.sleep(for: .seconds(70 - second)) }
        let scheduler = try RunningHavenflow(
            ["schedule", "--state-dir", "state", "--store", url],
            environment: ["HAVENFLOW_HOST": "host-a", "HAVENFLOW_LEASE": "3s"], in: folder)
        try await waitUntil("the catch-up fires to run: \(scheduler.stderr)") {
            try await server.psql("SELECT count(*) FROM runs WHERE status = 'succeeded'", database: database) == "10"
        }
        let boundary = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
        try await server.stop()
        let failures = { scheduler.stderr.split(separator: "\n").filter { $0.contains("the state store failed:") } }
        // Down until the next minute has begun and its ten claims have failed (and many sweeps).
        try await Task.sleep(for: .seconds(max(boundary - Date().timeIntervalSince1970, 0) + 3))
        try await server.start()
        try await waitUntil("the ten fires of the minute that began while the database was down: \(scheduler.stderr)") {
            try await server.psql(
                "SELECT count(*) FROM fires WHERE scheduled_at = \(boundary) AND outcome = 'fired'", database: database) == "10"
        }
        try await waitUntil("those runs to end") {
            try await server.psql("SELECT count(*) FROM runs WHERE status = 'succeeded'", database: database) == "20"
        }
        kill(scheduler.pid, SIGTERM)
        #expect(try await scheduler.wait() == 0, "\(scheduler.stderr)")
        // One line for the whole outage (under a minute), naming the database; then one when it answered.
        #expect(failures().count == 1, "\(scheduler.stderr)")
        #expect(failures().first?.contains("127.0.0.1:\(server.port)") == true, "\(scheduler.stderr)")
        #expect(failures().first?.contains("logging this at most once every 60 s") == true, "\(scheduler.stderr)")
        let answered = scheduler.stderr.split(separator: "\n").filter { $0.contains("the state store answers again, after ") }
        #expect(answered.count == 1, "\(scheduler.stderr)")
        let failedCalls = answered.first.flatMap { line in
            line.split(separator: "after ").last?.split(separator: " ").first.flatMap { Int($0) }
        }
        // At least the ten claims at the minute failed, besides the sweeps.
        #expect((failedCalls ?? 0) >= 10, "\(scheduler.stderr)")
        #expect(try await server.psql(
            "SELECT workflow FROM fires WHERE scheduled_at = \(boundary) GROUP BY 1 HAVING count(*) > 1", database: database) == "")
        #expect(try await server.psql("SELECT count(*) FROM runs WHERE status <> 'succeeded'", database: database) == "0")
    }
}
