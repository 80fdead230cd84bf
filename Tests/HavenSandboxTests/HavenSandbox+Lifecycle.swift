import HavenSandbox
import JSONValue
import Testing

@Suite("Start and stop")
struct LifecycleTests {
    @Test func startStopIsIdempotentAndReportsTheEndpoint() async throws {
        let sandbox = try await HavenSandbox.start()
        #expect(sandbox.port > 0)
        #expect(sandbox.endpoint == "http://127.0.0.1:\(sandbox.port)")
        #expect(sandbox.apiKey == "sandbox-key")
        await sandbox.stop()
        await sandbox.stop()
    }

    @Test func aTakenPortIsASentence() async throws {
        let first = try await HavenSandbox.start()
        defer { Task { await first.stop() } }
        await #expect(throws: SandboxStartError.self) {
            try await HavenSandbox.start(SandboxConfiguration(port: first.port))
        }
        do {
            _ = try await HavenSandbox.start(SandboxConfiguration(port: first.port))
        } catch {
            #expect("\(error)".hasPrefix("the sandbox could not listen on 127.0.0.1:\(first.port): "))
        }
        await first.stop()
    }

    @Test func helpersReadTheState() async throws {
        try await SandboxClient.with { client in
            try await client.createConnector("h", extra: [("description", "d")])
            #expect(client.sandbox.connector(named: "h") == [
                "name": "h", "flavor": "web_cloud", "status": "IDLE", "runs": 0,
                "config": ["config": ["url": "http://example.com"],
                           "destination": ["action": "addtotextindex", "index": "idx"], "description": "d"],
            ])
            #expect(client.sandbox.connector(named: "nope") == nil)
            _ = try await client.get("listresources", async: true)
            #expect(client.sandbox.jobCount() == 1)
        }
    }
}
