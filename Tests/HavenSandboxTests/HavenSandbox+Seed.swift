import Foundation
import HavenSandbox
import JSONValue
import Testing

/// `SandboxSeed`: the resources a sandbox starts with (`--seed-file`).
@Suite("Seed", .timeLimit(.minutes(1)))
struct SeedTests {
    static let seed: JSON = [
        "indexes": [["name": "legacy"]],
        "connectors": [
            [
                "name": "wiki_old", "flavor": "web_cloud", "config": ["url": "https://wiki.example.com"],
                "destination": ["action": "addtotextindex", "index": "legacy"], "description": "the old wiki",
            ]
        ],
    ]

    @Test func createsWhatIsMissingLeavesWhatExistsAndAuditsNothing() async throws {
        let audit = PersistenceTests.temporaryPath("audit.jsonl")
        try await SandboxClient.with(SandboxConfiguration(seed: 7, auditFile: audit)) { client in
            try await client.createConnector("kept")
            #expect(try client.sandbox.seed(SandboxSeed(json: Self.seed)) == ["legacy", "wiki_old"])
            #expect(try client.sandbox.seed(SandboxSeed(json: Self.seed)) == [])
            #expect(client.sandbox.connectorNames() == ["kept", "wiki_old"])
            #expect(client.sandbox.indexNames() == ["legacy"])
            let config = try await client.get("retrieveconfig", [("connector", "wiki_old")]).json
            #expect(config["flavor"] == "web_cloud")
            #expect(config["config"]?["config"] == ["url": "https://wiki.example.com"])
            #expect(config["config"]?["description"] == "the old wiki")
            let status = try await client.get("connectorstatus", [("connector", "wiki_old")]).json
            #expect(status["status"] == "IDLE")
        }
        #expect(try AuditTests.lines(audit).map { $0["resource"] } == ["kept"])
    }

    static let refusals: [(JSON, String)] = [
        (.array([]), "a seed must be a mapping with 'connectors' and 'indexes', not list"),
        (["connector": []], "'connector' is not part of a seed (it has 'connectors' and 'indexes')"),
        (["connectors": "wiki"], "'connectors' must be a list, not string"),
        (["connectors": [["flavor": "web_cloud"]]], "connectors[0].name is missing"),
        (
            ["connectors": [["name": "a", "flavor": "web", "config": [:], "destination": [:]]]],
            "connectors[0].flavor: 'web' is not a connector flavor (one of web_cloud, dropbox_cloud, exchange_cloud, "
                + "imap_cloud, jive_cloud, sharepoint_cloud, twitter_cloud, filesystem_onsite, sharepoint_onsite, web_onsite)"
        ),
        (["connectors": [["name": "a", "flavor": "web_cloud", "config": [:]]]], "connectors[0].destination is missing"),
        (["indexes": [["name": "bad name!"]]], "indexes[0].name: 'bad name!' is not a valid resource name"),
    ]

    @Test(arguments: refusals)
    func refusesWhatIsNotASeed(_ json: JSON, _ message: String) {
        #expect(throws: SandboxSeedError(message)) { try SandboxSeed(json: json) }
    }
}
