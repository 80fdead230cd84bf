import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import PostgresTesting
import Testing

/// Several hosts sharing one PostgreSQL state store, played by `havenflow` processes on this machine with
/// distinct `HAVENFLOW_HOST`s and state directories: each due time fires once whichever schedulers run,
/// one run of a workflow at a time across hosts, and a run whose host died is taken over and resumed.
@Suite(.timeLimit(.minutes(4))) struct MultiHostPostgresTests {
    /// `count` workflows due every minute, each last fired `minutesAgo` minutes ago (`catchup: last`): a
    /// scheduler started now fires each one (and records the minutes between missed).
    static func dueWorkflows(_ count: Int, url: String, minutesAgo: Int = 10) async throws -> URL {
        var files: [String: String] = [:]
        for index in 0..<count {
            files["workflows/w\(index).yaml"] = """
                name: w\(index)
                on:
                  schedule:
                    - cron: "* * * * *"
                  catchup: last
                steps:
                  - id: hello
                    log: { message: "w\(index)" }

                """
        }
        let folder = try HavenflowProcess.folder(with: files)
        let store = try PostgresStateStore(address: PostgresAddress(url: url, environment: [:]))
        let past = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - Double(60 * minutesAgo))
        for index in 0..<count {
            try await store.record(
                FireRecord(trigger: TriggerID(workflow: "w\(index)", index: 0), scheduledAt: past, recordedAt: past, outcome: .missed))
        }
        await store.close()
        return folder
    }

    /// The database's name in `url`.
    static func database(_ url: String) -> String {
        String(url.split(separator: "/").last?.split(separator: "?").first ?? "")
    }

    /// How many workflows the two `--once` schedulers share: 30 in `make test` (each fire a run, each run a
    /// process: 200 processes would take the two cores from every test running meanwhile), 200 in `make
    /// soak` (`HAVENFLOW_SOAK`). PostgresSchedulersTests fires 200 workflows × 6 minutes in-process either way.
    static let onceWorkflows = ProcessInfo.processInfo.environment["HAVENFLOW_SOAK"] == nil ? 30 : 200

    @Test func onceFromTwoHostsAtTheSameMomentFiresEachDueTimeOnce() async throws {
        let server = try PostgresServer.shared()
        let url = try server.freshURL()
        let folder = try await Self.dueWorkflows(Self.onceWorkflows, url: url)
        async let first = HavenflowProcess.run(
            ["schedule", "--once", "--state-dir", "state-a", "--store", url], environment: ["HAVENFLOW_HOST": "host-a"],
            in: folder)
        async let second = HavenflowProcess.run(
            ["schedule", "--once", "--state-dir", "state-b", "--store", url], environment: ["HAVENFLOW_HOST": "host-b"],
            in: folder)
        let (a, b) = try await (first, second)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(b.status == 0, "\(b.stderr)")
        let database = Self.database(url)
        // Every workflow fired, and no due time twice (a minute that began between the two starts is a
        // due time of its own).
        let duplicates = try await server.psql(
            "SELECT workflow, scheduled_at FROM fires WHERE outcome = 'fired' GROUP BY 1, 2 HAVING count(*) > 1",
            database: database)
        let doubled = try await server.psql(
            """
            SELECT f.*, c.* FROM fires f JOIN fire_claims c USING (workflow, scheduled_at) WHERE (f.workflow, f.scheduled_at)
            IN (SELECT workflow, scheduled_at FROM fires WHERE outcome = 'fired' GROUP BY 1, 2 HAVING count(*) > 1)
            """, database: database)
        #expect(duplicates == "", "\(doubled)\n\(a.stderr)\n\(b.stderr)")
        let fired = try await server.psql("SELECT count(DISTINCT workflow) FROM fires WHERE outcome = 'fired'", database: database)
        #expect(fired == "\(Self.onceWorkflows)")
        let firedTimes = try await server.psql("SELECT count(*) FROM fires WHERE outcome = 'fired'", database: database)
        #expect(try await server.psql("SELECT count(*) FROM runs", database: database) == firedTimes)
        #expect(try await server.psql("SELECT count(*) FROM runs WHERE status <> 'succeeded'", database: database) == "0")
        // Both hosts' runs are in one history, listed from a third.
        let runs = try await HavenflowProcess.run(["runs", "--json", "--limit", "1000", "--store", url], in: folder)
        let listed = try JSON(parsing: runs.stdout)["runs"]?.arrayValue?.count
        #expect(listed == Int(firedTimes), "\(listed ?? -1) of \(firedTimes): \(runs.stderr)")
    }

    /// A store URL that is no PostgreSQL URL, by `--store` or `HAVENFLOW_STORE`, is a usage error (64)
    /// with a sentence naming it (its password masked), on every command that opens the store.
    @Test func aStoreURLThatIsNotPostgreSQLIsAUsageError() async throws {
        let folder = try HavenflowProcess.folder(with: [
            "hello.yaml": "name: hello\nsteps:\n  - id: hi\n    log: { message: hi }\n"
        ])
        let url = "mysql://ops:hunter2@db1:3306/havenflow"
        let commands: [(arguments: [String], environment: [String: String])] = [
            (["run", "hello.yaml", "--store", url], [:]),
            (["runs", "--store", url], [:]),
            (["schedule", "--once", "hello.yaml"], ["HAVENFLOW_STORE": url]),
            (["store", "status"], ["HAVENFLOW_STORE": url]),
        ]
        for command in commands {
            let result = try await HavenflowProcess.run(command.arguments, environment: command.environment, in: folder)
            #expect(result.status == 64, "\(command.arguments): \(result.stderr)")
            #expect(result.stderr.contains("mysql://ops:***@db1:3306/havenflow"), "\(result.stderr)")
            #expect(result.stderr.contains("it is not a PostgreSQL URL of the form postgresql://USER@HOST:PORT/DATABASE"))
            #expect(!result.stderr.contains("hunter2"), "\(result.stderr)")
        }
    }

    @Test func twoHostsRacingForAWorkflowsLockOneRunsTheOtherExitsThreeNamingTheHolder() async throws {
        let url = try PostgresServer.shared().freshURL()
        let folder = try HavenflowProcess.folder(with: [
            "slow.yaml": "name: slow\nsteps:\n  - id: nap\n    sleep: { duration: 6s }\n"
        ])
        async let first = HavenflowProcess.run(
            ["run", "slow.yaml", "--state-dir", "state-a", "--store", url], environment: ["HAVENFLOW_HOST": "host-a"], in: folder)
        async let second = HavenflowProcess.run(
            ["run", "slow.yaml", "--state-dir", "state-b", "--store", url], environment: ["HAVENFLOW_HOST": "host-b"], in: folder)
        let outputs = try await [first, second]
        #expect(outputs.map(\.status).sorted() == [0, 3], "\(outputs.map(\.stderr))")
        let loser = try #require(outputs.first { $0.status == 3 })
        let winnerHost = outputs.firstIndex { $0.status == 0 } == 0 ? "host-a" : "host-b"
        #expect(loser.stderr.contains(" on \(winnerHost), since "), "\(loser.stderr)")
        #expect(normalised(loser.stderr) == """
            error: workflow 'slow' is locked by run <run> (pid <pid> on <host>, since <time>); nothing ran. Wait \
            for that run to end, or use --no-lock to run anyway

            """)
    }

    /// The owner of a run is killed (its host "dies"): after the lease, another host marks the run
    /// interrupted when it looks, and resumes it to success; its log holds both hosts' events.
    @Test func aRunWhoseHostDiedIsMarkedInterruptedByAnotherHostAndResumedThere() async throws {
        let url = try PostgresServer.shared().freshURL()
        let two = { (nap: String) in
            "name: two\nsteps:\n  - id: first\n    log: { message: first }\n  - id: nap\n    sleep: { duration: \(nap) }\n"
        }
        let folder = try HavenflowProcess.folder(with: ["two.yaml": two("600s")])
        let lease = ["HAVENFLOW_LEASE": "2s"]
        let owner = try RunningHavenflow(
            ["run", "two.yaml", "--state-dir", "state-a", "--store", url],
            environment: lease.merging(["HAVENFLOW_HOST": "host-a"]) { $1 }, in: folder)
        let store = try PostgresStateStore(address: PostgresAddress(url: url, environment: [:]))
        var runs: [RunSummary] = []
        try await waitUntil("the run to be napping on host-a: \(runs), \(owner.stderr)") {
            runs = (try? await store.runs()) ?? []
            guard let id = runs.first?.id, runs.first?.status == .running else { return false }
            return (try? await store.run(id).steps.contains { $0.key == "nap" && $0.status == "running" }) == true
        }
        await store.close()
        // The file changes the nap (a step's inputs: the records still fit), so that the resumed run ends.
        try two("1s").write(to: folder.appendingPathComponent("two.yaml"), atomically: true, encoding: .utf8)
        let runID = try #require(runs.first?.id)
        try await owner.kill()
        let hostB = lease.merging(["HAVENFLOW_HOST": "host-b"]) { $1 }
        // Within the lease the run still belongs to host-a: resuming it from host-b is refused.
        var resumed = try await HavenflowProcess.run(
            ["resume", runID, "--state-dir", "state-b", "--store", url], environment: hostB, in: folder)
        if resumed.status == 3 {
            #expect(resumed.stderr.contains("is still running (pid \(owner.pid) on host-a)"), "\(resumed.stderr)")
            try await Task.sleep(for: .seconds(3))
            resumed = try await HavenflowProcess.run(
                ["resume", runID, "--state-dir", "state-b", "--store", url], environment: hostB, in: folder)
        }
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let show = try JSON(parsing: try await HavenflowProcess.run(["show", runID, "--json", "--store", url], in: folder).stdout)
        #expect(show["status"] == "succeeded")
        #expect(show["host"] == "host-b")
        #expect(show["resumes"] == 1)
        // The log, read from the store on a third host, holds both hosts' events: two starts, one end.
        let log = try await HavenflowProcess.run(["logs", runID, "--state-dir", "state-c", "--store", url], in: folder)
        #expect(log.status == 0, "\(log.stderr)")
        let events = log.stdout.split(separator: "\n").compactMap { try? JSON(parsing: String($0))["event"]?.stringValue }
        #expect(events.filter { $0 == "run_started" }.count == 2, "\(log.stdout)")
        #expect(events.last == "run_finished", "\(log.stdout)")
    }

    /// Three schedulers on three "hosts" share 30 workflows due every minute; one is killed with SIGKILL
    /// before the next minute begins. The two left fire every workflow at that minute exactly once between
    /// them: no fire is lost, none doubled. (Waits for a real minute boundary: no clock is simulated.)
    @Test(.timeLimit(.minutes(3))) func threeSchedulersOneKilledEachDueTimeFiresExactlyOnce() async throws {
        let server = try PostgresServer.shared()
        let url = try server.freshURL()
        var files: [String: String] = [:]
        for index in 0..<30 {
            files["workflows/m\(index).yaml"] = """
                name: m\(index)
                on:
                  schedule:
                    - cron: "* * * * *"
                steps:
                  - id: hello
                    log: { message: "m\(index)" }

                """
        }
        let folder = try HavenflowProcess.folder(with: files)
        // Start well before a minute begins, so that the killed scheduler claims nothing.
        let second = Int(Date().timeIntervalSince1970) % 60
        if second >= 45 { try await Task.sleep(for: .seconds(61 - second)) }
        let boundary = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
        let schedulers = try ["host-a", "host-b", "host-c"].map { host in
            try RunningHavenflow(
                ["schedule", "--state-dir", "state-\(host)", "--store", url], environment: ["HAVENFLOW_HOST": host],
                in: folder)
        }
        for scheduler in schedulers {
            try await waitUntil("a scheduler to start: \(scheduler.stderr)") {
                scheduler.stderr.contains("scheduler: 30 scheduled workflows in 30 files")
            }
        }
        try await schedulers[0].kill()
        let database = Self.database(url)
        try await waitUntil("30 fires at the minute", timeout: .seconds(120)) {
            (try? await server.psql("SELECT count(*) FROM fires WHERE scheduled_at = \(boundary)", database: database)) == "30"
        }
        for scheduler in schedulers.dropFirst() { kill(scheduler.pid, SIGTERM) }
        for scheduler in schedulers.dropFirst() { #expect(try await scheduler.wait() == 0, "\(scheduler.stderr)") }
        #expect(try await server.psql(
            "SELECT count(DISTINCT workflow) FROM fires WHERE outcome = 'fired' AND scheduled_at = \(boundary)",
            database: database) == "30")
        #expect(try await server.psql(
            "SELECT workflow FROM fires WHERE scheduled_at = \(boundary) GROUP BY 1 HAVING count(*) > 1",
            database: database) == "")
        let hosts = try await server.psql(
            "SELECT DISTINCT host FROM fire_claims WHERE scheduled_at = \(boundary) ORDER BY 1", database: database)
        #expect(!hosts.contains("host-a"), "the killed scheduler claimed: \(hosts)")
        // (The minute that began before they started is fired at their start, maybe partly by the killed one.)
        #expect(try await server.psql(
            "SELECT count(*) FROM fires f JOIN runs r ON r.id = f.run_id WHERE f.scheduled_at = \(boundary) AND r.status = 'succeeded'",
            database: database) == "30")
    }
}
