import FlowRuntime
import FlowServe
import Foundation
import PostgresTesting
import Testing

/// A workflow of a plain step, a three-element `for_each` and a Haven call (one `listresources` request).
let remoteWorkflow = """
    name: elsewhere
    steps:
      - id: first
        log: { message: "first" }
      - id: rebuild
        for_each: ["a", "b", "c"]
        log: { message: "element ${{ item }}" }
      - id: look
        list-resources: {}

    """

/// A run recorded by another host: `workflow` run to its end as "host A" (its own state directory) into a
/// fresh database of the test PostgreSQL server, then `havenflow serve` as "host B" — another state
/// directory on the same store, so no run log of that run — while `body` runs.
func withRunOfAnotherHost(
    _ workflow: String, runID: String, _ body: (_ server: ServeServer) async throws -> Void
) async throws {
    let url = try PostgresServer.shared().freshURL()
    let fixture = try await ServeFixture(files: ["remote.yaml": workflow])
    var hostA = fixture.runtime
    hostA.environment["HAVENFLOW_STORE"] = url
    let status = try await hostA.run(
        RunRequest(
            file: fixture.path("remote.yaml"), stateDirectory: fixture.path("host-a"),
            target: .endpoint(fixture.sandbox.endpoint), output: .jsonLines, secretsFile: fixture.path("secrets.env"),
            runID: runID))
    #expect(status == .succeeded)

    let state = StateDirectory(option: fixture.path("host-b"), environment: ["HAVENFLOW_STORE": url])
    try state.create()
    #expect(!FileManager.default.fileExists(atPath: state.runLogPath(runID)))
    let server = try await ServeServer.start(
        ServeConfiguration(port: 0),
        reader: RunReader(state: state, store: try state.openStore(), runtime: hostA, workflowPaths: []))
    do {
        try await body(server)
    } catch {
        await server.stop()
        await fixture.close()
        throw error
    }
    await server.stop()
    await fixture.close()
}
