import FlowRuntime
import Foundation
import JSONValue
import PostgresTesting
import Testing

/// A running run whose PostgreSQL store goes away (docs/operations.md, "When the database dies"): its
/// writes are retried for a bounded time; past the bound it stops as `interrupted` (exit 4) with a
/// sentence naming the database, having started nothing it could not record, and `resume` finishes it
/// once the database is back with every change made once; an outage shorter than the bound is ridden out.
///
/// These tests stop and start their server: a cluster of their own, not the one the other tests share.
@Suite(.serialized, .timeLimit(.minutes(3))) struct PostgresOutageTests {
    static let server = Task { try await PostgresServer.dedicated() }

    /// Three indexes, a nap after each of the first two (the first one long enough to be seen by a poll
    /// that shares the machine with the rest of the test run).
    static let workflow = """
        name: outage
        steps:
          - id: first
            create-index: { index: first, flavor: standard }
          - id: nap
            sleep: { duration: 4s }
          - id: second
            create-index: { index: second, flavor: standard }
          - id: nap2
            sleep: { duration: 1s }
          - id: third
            create-index: { index: third, flavor: standard }

        """

    /// Waits until the run in `url`'s store is in the step `nap` (its start recorded).
    static func waitForNap(_ url: String, _ run: RunningHavenflow) async throws {
        let store = try PostgresStateStore(address: PostgresAddress(url: url, environment: [:]))
        try await waitUntil("the run to be napping: \(run.stderr)") {
            guard let id = (try? await store.runs())?.first?.id else { return false }
            return (try? await store.run(id).steps.contains { $0.key == "nap" && $0.status == "running" }) == true
        }
        await store.close()
    }

    @Test func aRunWhoseDatabaseStaysAwayStopsInterruptedNamingItAndResumesExactlyOnce() async throws {
        let server = try await Self.server.value
        let url = try server.freshURL()
        let folder = try HavenflowProcess.folder(with: ["outage.yaml": Self.workflow])
        let haven = try await AuditedSandbox.start(in: folder)
        defer { Task { [sandbox = haven.sandbox] in await sandbox.stop() } }
        let endpoint = ["--endpoint", haven.sandbox.endpoint, "--store", url, "--state-dir", "state"]
        let run = try RunningHavenflow(
            ["run", "outage.yaml"] + endpoint, environment: haven.environment.merging(["HAVENFLOW_STORE_RETRY": "2s"]) { $1 },
            in: folder)
        try await Self.waitForNap(url, run)
        try await server.stop()
        let status = try await run.wait()
        try await server.start()

        #expect(status == 4, "\(run.stderr)")
        let masked = "postgresql://postgres@127.0.0.1:\(server.port)/"
        #expect(run.stderr.contains("error: the state database \(masked)"), "\(run.stderr)")
        #expect(run.stderr.contains("could not be written for 2 s: "), "\(run.stderr)")
        #expect(run.stderr.contains("the run stopped as interrupted"), "\(run.stderr)")
        #expect(haven.audited("createtextindex") == ["first"], "nothing started after the store went away")

        // Once the database is back, the run (marked interrupted: its process is gone) resumes to success.
        let runs = try JSON(parsing: try await HavenflowProcess.run(["runs", "--json", "--store", url], in: folder).stdout)
        let runID = try #require(runs["runs"]?[0]?["id"]?.stringValue)
        #expect(runs["runs"]?[0]?["status"] == "interrupted")
        let resumed = try await HavenflowProcess.run(["resume", runID] + endpoint, environment: haven.environment, in: folder)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(haven.audited("createtextindex") == ["first", "second", "third"], "each index created once")
        let show = try JSON(parsing: try await HavenflowProcess.run(["show", runID, "--json", "--store", url], in: folder).stdout)
        #expect(show["status"] == "succeeded")
    }

    @Test func anOutageShorterThanTheBoundIsRiddenOutAndTheRunSucceeds() async throws {
        let server = try await Self.server.value
        let url = try server.freshURL()
        let folder = try HavenflowProcess.folder(with: ["outage.yaml": Self.workflow])
        let haven = try await AuditedSandbox.start(in: folder)
        defer { Task { [sandbox = haven.sandbox] in await sandbox.stop() } }
        let run = try RunningHavenflow(
            ["run", "outage.yaml", "--endpoint", haven.sandbox.endpoint, "--store", url, "--state-dir", "state"],
            environment: haven.environment.merging(["HAVENFLOW_STORE_RETRY": "60s"]) { $1 }, in: folder)
        try await Self.waitForNap(url, run)
        try await server.stop()
        // The nap's end cannot be recorded: the run says so and waits, starting nothing.
        try await waitUntil("the run to report the outage: \(run.stderr)") {
            run.stderr.contains("retrying for up to 60 s, and no step starts meanwhile")
        }
        #expect(haven.audited("createtextindex") == ["first"])
        try await server.start()
        let status = try await run.wait()

        #expect(status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("is written again, after"), "\(run.stderr)")
        #expect(haven.audited("createtextindex") == ["first", "second", "third"], "each index created once")
        let runs = try JSON(parsing: try await HavenflowProcess.run(["runs", "--json", "--store", url], in: folder).stdout)
        #expect(runs["runs"]?[0]?["status"] == "succeeded")
    }
}
