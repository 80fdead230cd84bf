import HavenClient
import HavenSandbox
import JSONValue
import Testing

@Suite(.timeLimit(.minutes(1))) struct HavenClientConnectorsTests {
    @Test func connectorLifecycleInSyncMode() async throws {
        let sandbox = SandboxConfiguration(jobDelay: .milliseconds(20), runDuration: .seconds(4), seed: 3)
        try await withSandbox(sandbox) { client, _ in
            let created = try await client.createConnector(webConnector("wiki"))
            #expect(created.connector == "wiki")
            #expect(created.message == "connector created")
            #expect(created.downloadLink == nil)

            let idle = try await client.connectorStatus("wiki")
            #expect(idle.connector == "wiki")
            #expect(idle.status == .idle)
            #expect(idle.flavor == "web_cloud")

            let config = try await client.retrieveConfig("wiki")
            #expect(config.name == "wiki")
            #expect(config.flavor == "web_cloud")
            #expect(config.config == ["url": "http://example.com", "max_pages": 10])
            #expect(config.destination == ["action": "addtotextindex", "index": "docs"])
            #expect(config.description == "test connector")

            let updated = try await client.updateConnector(
                UpdateConnectorRequest(name: "wiki", config: ["url": "http://example.org"]))
            #expect(updated.connector == "wiki")
            #expect(updated.message == "connector updated")
            #expect(try await client.retrieveConfig("wiki").config == ["url": "http://example.org"])

            let started = try await client.startConnector("wiki")
            #expect(started.connector == "wiki")
            let token = try #require(started.token)
            let running = try await client.connectorStatus("wiki")
            #expect(running.status.isRunning)
            #expect(running.token == token)

            let stopped = try await client.stopConnector("wiki")
            #expect(stopped.connector == "wiki")

            let history = try await client.connectorHistory("wiki")
            #expect(history.runs.first?.token == token)

            let cancelled = try await client.cancelConnectorSchedule("wiki")
            #expect(cancelled.connector == "wiki")

            let resources = try await client.listResources(types: ["connector"])
            #expect(resources.resource(named: "wiki")?.type == "connector")
            #expect(resources.resource(named: "wiki")?.flavor == "web_cloud")
        }
    }

    @Test func onsiteConnectorsComeWithDownloadLinks() async throws {
        try await withSandbox { client, _ in
            var request = webConnector("files")
            request.flavor = "filesystem_onsite"
            request.config = ["directory_paths": ["/data"]]
            request.schedule = ["frequency": ["frequency_type": "seconds", "interval": 21600]]
            let created = try await client.createConnector(request)
            #expect(created.downloadLink?.keys.sorted() == ["linux_x86", "linux_x86_64", "windows_x86", "windows_x86_64"])
        }
    }

    @Test func textIndexes() async throws {
        try await withSandbox { client, _ in
            let created = try await client.createTextIndex("docs", flavor: "standard", description: "d")
            #expect(created.index == "docs")
            #expect(created.message == "index created")
            #expect(try await client.listResources(types: ["content"]).resource(named: "docs")?.flavor == "standard")
            let deleted = try await client.deleteTextIndex("docs")
            #expect(deleted == DeleteResult(json: ["index": "docs", "deleted": true], name: "docs", confirmed: true))
            #expect(try await client.listResources().resource(named: "docs") == nil)
        }
    }

    @Test(arguments: SandboxConfiguration.DeleteConfirmation.allCases)
    func deleteConnectorInBothConfirmationModes(mode: SandboxConfiguration.DeleteConfirmation) async throws {
        try await withSandbox(SandboxConfiguration(seed: 1, deleteConfirmation: mode)) { client, _ in
            _ = try await client.createConnector(webConnector("old"))
            let deleted = try await client.deleteConnector("old")
            #expect(deleted.name == "old")
            #expect(deleted.deleted)
            #expect(deleted.confirmed == (mode == .required))
            let error = await havenError { _ = try await client.connectorStatus("old") }
            #expect(error?.isNotFound == true)
        }
    }

    @Test func theConfirmationTokenIsOnlyAskedFor() async throws {
        try await withSandbox { client, _ in
            _ = try await client.createConnector(webConnector("old"))
            let first = try await client.perform(.deleteConnector("old"))
            #expect(!first.deleted)
            #expect(first.confirm != nil)
            #expect(try await client.connectorStatus("old").status == .idle)
        }
    }

    /// A refused confirmation (5080) sends the round trip once more with a fresh token, then gives up.
    @Test func anExpiredTokenIsAskedForAgainOnce() async throws {
        let recorder = LogRecorder()
        let sandbox = SandboxConfiguration(seed: 1, confirmTokenLifetime: .zero)
        try await withSandbox(sandbox, logger: recorder.logger) { client, _ in
            _ = try await client.createConnector(webConnector("kept"))
            let error = await havenError { _ = try await client.deleteConnector("kept") }
            #expect(error?.code == 5080)
            #expect(try await client.connectorStatus("kept").connector == "kept")
        }
        let deletes = recorder.lines.filter { $0.contains("haven request") && $0.contains("api=deleteconnector") }
        #expect(deletes.count == 4)
    }

    @Test func asynchronousModeSubmitsAJobAndReadsItsResult() async throws {
        try await withSandbox { client, _ in
            let created = try await client.run(.createConnector(webConnector("late")), interval: .milliseconds(10))
            #expect(created.connector == "late")
            let job = try await client.submit(.connectorStatus("late"))
            let envelope = try await client.waitForJob(job, interval: .milliseconds(10))
            #expect(envelope.jobID == job)
            #expect(envelope.status == .finished)
            #expect(envelope.actions.first?.action == "connectorstatus")
            #expect(try HavenCall.connectorStatus("late").result(of: envelope).status == .idle)
            let raw = try await client.submit(api: "listresources")
            let list = try await client.jobResult(raw)
            #expect(list.status == .finished)
        }
    }

    @Test func anyAPIByName() async throws {
        try await withSandbox { client, _ in
            _ = try await client.call(api: "createtextindex", params: ["index": "raw", "flavor": "explorer"])
            let list = try await client.call(api: "listresources", params: ["type": ["content"]], idempotent: true)
            let names = list["private_resources"]?.arrayValue?.compactMap { $0["resource"]?.stringValue }
            #expect(names == ["raw"])
        }
    }
}
