import Foundation
import HavenSandbox
import JSONValue
import Testing

@Suite("Persistence")
struct PersistenceTests {
    static func temporaryPath(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("havensandbox-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    @Test(.timeLimit(.minutes(1)))
    func restartWithTheSameDataKeepsEverything() async throws {
        let path = PersistenceTests.temporaryPath("sandbox.sqlite")
        let configuration = SandboxConfiguration(jobDelay: .milliseconds(10), runDuration: .milliseconds(50), dataFile: path)
        let (jobID, token) = try await SandboxClient.with(configuration) { client in
            try await client.createConnector("keep", extra: [("schedule", #"{"occurrences":2}"#)])
            _ = try await client.get("startconnector", [("connector", "keep")])
            _ = try await client.get("createtextindex", [("index", "kidx"), ("flavor", "standard")])
            let token = try await client.get("deletetextindex", [("index", "kidx")]).json["confirm"]?.stringValue ?? ""
            let job = try await client.get("listresources", async: true).json["jobID"]?.stringValue ?? ""
            return (job, token)
        }
        try await SandboxClient.with(configuration) { client in
            #expect(client.sandbox.connectorNames() == ["keep"])
            #expect(client.sandbox.indexNames() == ["kidx"])
            let config = try await client.get("retrieveconfig", [("connector", "keep")])
            #expect(config.json["config"]?["schedule"] == ["occurrences": 2])
            #expect(try await client.waitForStatus("keep", "FINISHED").json["status"] == "FINISHED")
            #expect(try await client.get("connectorhistory", [("connector", "keep")]).json["history"]?.arrayValue?.count == 1)
            let job = try await client.request("/1/job/result/\(jobID)?apikey=sandbox-key")
            #expect(job.json["status"] == "finished")
            let deleted = try await client.get("deletetextindex", [("index", "kidx"), ("confirm", token)])
            #expect(deleted.json == ["index": "kidx", "deleted": true])
        }
        try await SandboxClient.with(configuration) { client in
            #expect(client.sandbox.indexNames() == [])
        }
    }
}
