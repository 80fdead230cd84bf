import FlowCore
import FlowRuntime
import Foundation
import PostgresTesting
import Testing

/// A scheduler that dies between claiming a due time and recording its fire (made to, with
/// `HAVENFLOW_TEST_DIE_AFTER_CLAIM`) loses no fire: after the claim's lease another scheduler, on another
/// "host" sharing the PostgreSQL store, takes the claim over and fires the time — or, when the dead one's
/// run had started, records that run as the fire — exactly once.
@Suite(.timeLimit(.minutes(3))) struct MultiHostFailoverTests {
    static let lease = ["HAVENFLOW_LEASE": "2s"]

    /// `host` with the short lease (and `extra`).
    static func host(_ host: String, _ extra: [String: String] = [:]) -> [String: String] {
        lease.merging(["HAVENFLOW_HOST": host]) { $1 }.merging(extra) { $1 }
    }

    /// Every claimed due time has exactly one record, each fire its own run, and every run succeeded. (A
    /// time of a minute begun meanwhile may be a `lockBusy` skip behind the taken-over run.)
    static func expectEachClaimedTimeFiredOnce(_ server: PostgresServer, _ database: String) async throws {
        let records = try await server.psql(
            """
            SELECT c.workflow, c.scheduled_at, count(f.id) FROM fire_claims c
            LEFT JOIN fires f ON f.workflow = c.workflow AND f.scheduled_at = c.scheduled_at
            GROUP BY 1, 2 HAVING count(f.id) <> 1
            """, database: database)
        #expect(records == "", "claimed times without exactly one record: \(records)")
        let fired = try await server.psql("SELECT count(*) FROM fires WHERE outcome = 'fired'", database: database)
        #expect(try await server.psql("SELECT count(DISTINCT run_id) FROM fires WHERE outcome = 'fired'", database: database) == fired)
        #expect(try await server.psql("SELECT count(*) FROM runs", database: database) == fired)
        #expect(try await server.psql("SELECT count(*) FROM runs WHERE status <> 'succeeded'", database: database) == "0")
    }

    /// A new database with `workflows` due workflows, and host A's `schedule --once` on it, made to die
    /// after `stage` (`HAVENFLOW_TEST_DIE_AFTER_CLAIM`): its output.
    static func dying(after stage: String, workflows: Int) async throws
        -> (PostgresServer, url: String, database: String, folder: URL, HavenflowProcess.Output)
    {
        // Not in a minute's last seconds: the minute must not change before host-a has claimed.
        let second = Int(Date().timeIntervalSince1970) % 60
        if second >= 50 { try await Task.sleep(for: .seconds(61 - second)) }
        let server = try PostgresServer.shared()
        let url = try server.freshURL()
        // Last fired the minute before: only this minute is due (no catch-up, no missed records).
        let folder = try await MultiHostPostgresTests.dueWorkflows(workflows, url: url, minutesAgo: 1)
        let dying = try await HavenflowProcess.run(
            ["schedule", "--once", "--state-dir", "state-a", "--store", url],
            environment: host("host-a", ["HAVENFLOW_TEST_DIE_AFTER_CLAIM": stage]), in: folder)
        #expect(dying.status != 0, "host-a did not die: \(dying.stderr)")
        return (server, url, MultiHostPostgresTests.database(url), folder, dying)
    }

    /// The claims `host` holds that have no record: what its death left.
    static func unrecordedClaims(of host: String, _ server: PostgresServer, _ database: String) async throws -> [String] {
        try await server.psql(
            """
            SELECT c.workflow || ' ' || c.scheduled_at FROM fire_claims c WHERE c.host = '\(host)' AND NOT EXISTS
            (SELECT 1 FROM fires f WHERE f.workflow = c.workflow AND f.scheduled_at = c.scheduled_at) ORDER BY 1
            """, database: database
        ).split(separator: "\n").map(String.init)
    }

    /// Host A's scheduler dies right after its first claim, before starting a run. Host B's scheduler,
    /// running meanwhile, takes the claim over once its lease has run out and fires it: every workflow's
    /// due time fires once, the dead one's by host B.
    @Test func aSchedulerKilledAfterClaimingLosesNoFireAnotherFiresItOnce() async throws {
        let (server, url, database, folder, dying) = try await Self.dying(after: "claim", workflows: 5)
        #expect(!dying.stderr.contains("started run"), "\(dying.stderr)")
        let orphaned = try await Self.unrecordedClaims(of: "host-a", server, database)
        #expect(!orphaned.isEmpty, "host-a died without a claim")
        #expect(try await server.psql("SELECT count(*) FROM fire_claims WHERE run_id IS NOT NULL", database: database) == "0")

        let survivor = try RunningHavenflow(
            ["schedule", "--state-dir", "state-b", "--store", url], environment: Self.host("host-b"), in: folder)
        try await waitUntil("host-b to fire every due time: \(survivor.stderr)", timeout: .seconds(60)) {
            let unfired = try await server.psql(
                "SELECT count(*) FROM fire_claims c WHERE NOT EXISTS (SELECT 1 FROM fires f WHERE f.workflow = c.workflow "
                    + "AND f.scheduled_at = c.scheduled_at)", database: database)
            let running = try await server.psql("SELECT count(*) FROM runs WHERE status = 'running'", database: database)
            let workflows = try await server.psql(
                "SELECT count(DISTINCT workflow) FROM fires WHERE outcome = 'fired'", database: database)
            return unfired == "0" && running == "0" && workflows == "5"
        }
        kill(survivor.pid, SIGTERM)
        #expect(try await survivor.wait() == 0, "\(survivor.stderr)")
        try await Self.expectEachClaimedTimeFiredOnce(server, database)
        // The dead one's claims were fired by host-b, which says it took them over.
        for claim in orphaned {
            let parts = claim.split(separator: " ")
            #expect(try await server.psql(
                "SELECT host, outcome FROM fires WHERE workflow = '\(parts[0])' AND scheduled_at = \(parts[1])",
                database: database) == "host-b|fired")
        }
        #expect(survivor.stderr.contains("claimed by host-a (pid "), "\(survivor.stderr)")
        #expect(survivor.stderr.contains("which stopped before starting a run; taken over and fired here"), "\(survivor.stderr)")
    }

    /// Host A's scheduler dies right after its first run started, before recording the fire; the run goes
    /// on and ends. Host B's `schedule --once` after the claim's lease finds that run and records it as
    /// the time's fire rather than starting a second.
    @Test func aSchedulerKilledAfterLaunchingHasItsRunRecordedNotStartedAgain() async throws {
        let (server, url, database, folder, dying) = try await Self.dying(after: "launch", workflows: 3)
        let orphaned = try await Self.unrecordedClaims(of: "host-a", server, database)
        #expect(!orphaned.isEmpty, "host-a died without a claim: \(dying.stderr)")
        let bound = try await server.psql(
            "SELECT run_id FROM fire_claims WHERE host = 'host-a' AND run_id IS NOT NULL", database: database)
        #expect(!bound.isEmpty, "host-a chose no run id: \(dying.stderr)")
        // The dead scheduler's run ends by itself, and the leases of its claims and run locks run out
        // (`--once` looks for stale claims only once).
        try await waitUntil("host-a's run to end and its claims' and locks' leases to run out") {
            let ended = try await server.psql(
                "SELECT count(*) FROM runs WHERE host = 'host-a' AND status = 'succeeded'", database: database)
            let running = try await server.psql("SELECT count(*) FROM runs WHERE status = 'running'", database: database)
            let live = try await server.psql(
                """
                SELECT (SELECT count(*) FROM fire_claims WHERE expires_at > extract(epoch FROM clock_timestamp()))
                + (SELECT count(*) FROM locks WHERE expires_at > extract(epoch FROM clock_timestamp()))
                """, database: database)
            return ended != "0" && running == "0" && live == "0"
        }
        let survivor = try await HavenflowProcess.run(
            ["schedule", "--once", "--state-dir", "state-b", "--store", url], environment: Self.host("host-b"), in: folder)
        #expect(survivor.status == 0, "\(survivor.stderr)")
        try await Self.expectEachClaimedTimeFiredOnce(server, database)
        let startedByA = try await server.psql("SELECT id FROM runs WHERE host = 'host-a' ORDER BY 1", database: database)
        #expect(!startedByA.isEmpty)
        for runID in startedByA.split(separator: "\n") {
            #expect(try await server.psql("SELECT host FROM fires WHERE run_id = '\(runID)'", database: database) == "host-b")
            #expect(survivor.stderr.contains("its run \(runID) had started and is recorded as the fire"), "\(survivor.stderr)")
        }
    }
}
