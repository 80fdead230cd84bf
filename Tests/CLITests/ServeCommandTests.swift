import Foundation
import Testing

/// `havenflow serve` and `schedule --serve` as a user runs them: the token rule's refusal and its exit status.
@Suite(.timeLimit(.minutes(1))) struct ServeCommandTests {
    static let refusal =
        "error: havenflow serve did not start: binding 0.0.0.0, which other hosts can reach, needs a bearer token "
        + "(--token-file FILE, or HAVENFLOW_SERVE_TOKEN in the --secrets-file)\n"

    @Test func servingAReachableAddressWithoutATokenExitsWithStatusTwo() async throws {
        let folder = try HavenflowProcess.folder(with: [:])
        let serve = try await HavenflowProcess.run(
            ["serve", "--host", "0.0.0.0", "--port", "0", "--state-dir", "state"], in: folder)
        #expect(serve.status == 2)
        #expect(serve.stderr == Self.refusal)
        #expect(serve.stdout.isEmpty)
        let schedule = try await HavenflowProcess.run(
            ["schedule", "--serve", "0.0.0.0:0", "--state-dir", "state", "."], in: folder)
        #expect(schedule.status == 2)
        #expect(schedule.stderr == Self.refusal)
    }

    @Test func aBadServeAddressIsAUsageError() async throws {
        let folder = try HavenflowProcess.folder(with: [:])
        let schedule = try await HavenflowProcess.run(["schedule", "--serve", "host:port", "."], in: folder)
        #expect(schedule.status == 64)
        #expect(schedule.stderr.contains("--serve takes PORT or HOST:PORT (e.g. 8080 or 0.0.0.0:8080), not 'host:port'."))
    }
}

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import JSONValue

/// `schedule --serve`: one process is scheduler and report.
@Suite(.timeLimit(.minutes(1))) struct ScheduleServeTests {
    @Test func theSchedulerServesItsTriggersAndRunsUntilItStops() async throws {
        let folder = try HavenflowProcess.folder(with: [
            "workflows/nightly.yaml": """
                name: nightly
                on:
                  schedule:
                    - cron: "0 3 * * *"
                steps:
                  - log: { message: hello }

                """
        ])
        let scheduler = try RunningHavenflow(
            ["schedule", "workflows", "--serve", "0", "--state-dir", "state"], environment: ["NO_COLOR": "1"], in: folder)
        try await waitUntil("the scheduler to serve", timeout: .seconds(30)) { scheduler.stderr.contains("scheduler: serving ") }
        let address = try #require(
            scheduler.stderr.components(separatedBy: "scheduler: serving ").last?.components(separatedBy: "/\n").first)
        #expect(address.hasPrefix("http://127.0.0.1:"))
        let (body, response) = try await URLSession.shared.data(from: try #require(URL(string: address + "/api/schedules")))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let triggers = try #require(try JSON(parsing: Array(body))["triggers"]?.arrayValue)
        #expect(triggers.map { $0["workflow"] } == ["nightly"])
        #expect(triggers.first?["cron"] == "0 3 * * *")
        _ = kill(scheduler.pid, SIGTERM)
        #expect(try await scheduler.wait() == 0)
        #expect(scheduler.stderr.contains("scheduler: stopped"))
    }
}
