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
