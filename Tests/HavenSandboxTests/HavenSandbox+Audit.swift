import Foundation
import HavenSandbox
import JSONValue
import Testing

@Suite("Audit log")
struct AuditTests {
    static func lines(_ path: String) throws -> [JSON] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { try JSON(parsing: String($0)) }
    }

    @Test(.timeLimit(.minutes(1)))
    func oneLinePerEffectiveChange() async throws {
        let path = PersistenceTests.temporaryPath("audit.jsonl")
        let configuration = SandboxConfiguration(runDuration: .seconds(1), auditFile: path)
        try await SandboxClient.with(configuration) { client in
            try await client.createConnector("a1")
            try await client.createConnector("a1")  // refused: no line
            _ = try await client.get("connectorstatus", [("connector", "a1")])  // read: no line
            _ = try await client.get("updateconnector", [("connector", "a1"), ("description", "new")])
            _ = try await client.get("updateconnector", [("connector", "a1"), ("description", "new")])  // no change
            _ = try await client.get("startconnector", [("connector", "a1")])
            _ = try await client.get("stopconnector", [("connector", "a1")])
            _ = try await client.waitForStatus("a1", "STOPPED")
            let token = try await client.get("deleteconnector", [("connector", "a1")]).json["confirm"]?.stringValue ?? ""
            _ = try await client.get("deleteconnector", [("connector", "a1"), ("confirm", token)])
            _ = try await client.get("createtextindex", [("index", "i"), ("flavor", "standard")])
        }
        let lines = try AuditTests.lines(path)
        #expect(lines.map { [$0["api"], $0["resource"], $0["outcome"]] } == [
            ["createconnector", "a1", "created"], ["updateconnector", "a1", "updated"],
            ["startconnector", "a1", "started"], ["stopconnector", "a1", "stop requested"],
            ["deleteconnector", "a1", "deleted"], ["createtextindex", "i", "created"],
        ])
        #expect(lines.allSatisfy { $0.objectValue?.keys.sorted() == ["api", "outcome", "resource", "ts"] })
        #expect(lines[0]["ts"]?.stringValue?.hasSuffix("Z") == true)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("sandbox-key"))
    }

    @Test func asyncChangesAndResetAfterAreAuditedOnce() async throws {
        let path = PersistenceTests.temporaryPath("audit.jsonl")
        let faults = try FaultPlan(parsing: "reset@after=1")
        try await SandboxClient.with(SandboxConfiguration(faults: faults, auditFile: path)) { client in
            _ = await #expect(throws: (any Error).self) { try await client.createConnector("ra") }
        }
        try await SandboxClient.with(SandboxConfiguration(auditFile: path)) { client in
            _ = try await client.createConnectorAsync("async1")
        }
        #expect(try AuditTests.lines(path).map { $0["resource"] } == ["ra", "async1"])
    }
}
