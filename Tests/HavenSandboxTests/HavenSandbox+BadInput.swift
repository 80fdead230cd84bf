import HavenSandbox
import JSONValue
import Testing

@Suite("Bad input")
struct BadInputTests {
    @Test func oversizedBodyIs413() async throws {
        try await SandboxClient.with(SandboxConfiguration(maxBodySize: 1024)) { client in
            let reply = try await client.request("/1/api/sync/listresources/v1", method: .POST,
                                                 body: "apikey=sandbox-key&pad=" + String(repeating: "x", count: 4096),
                                                 contentType: "application/x-www-form-urlencoded")
            #expect(reply.status == 413)
            #expect(reply.json["error"] == 7006)
            #expect(try await client.get("listresources").status == 200)
        }
    }

    @Test func tenThousandRepeatedKeysAreRefused() async throws {
        try await SandboxClient.with { client in
            let body = "apikey=sandbox-key&" + Array(repeating: "connector=a", count: 10_000).joined(separator: "&")
            let reply = try await client.request("/1/api/sync/connectorstatus/v1", method: .POST, body: body,
                                                 contentType: "application/x-www-form-urlencoded")
            #expect(reply.status == 400)
            #expect(reply.json == ["error": 7001, "reason": "Too many fields", "detail": ["message": "more than 1000 parameters"]])
        }
    }

    @Test func aRepeatedSingleParameterIs4000() async throws {
        try await SandboxClient.with { client in
            let reply = try await client.get("connectorstatus", [("connector", "a"), ("connector", "b")])
            #expect(reply.json["error"] == 4000)
            #expect(reply.json["detail"]?["params"] == ["connector"])
        }
    }

    @Test(arguments: [String(repeating: "k", count: 10_240), "ctl\u{01}name", "new\nline", "nul\u{00}"])
    func hostileNamesAre8004(name: String) async throws {
        try await SandboxClient.with { client in
            let reply = try await client.post("createconnector", [
                ("connector", name), ("flavor", "web_cloud"), ("config", "{}"), ("destination", "{}"),
            ])
            #expect(reply.status == 400)
            #expect(reply.error == 8004)
            #expect(client.sandbox.connectorNames() == [])
        }
    }

    @Test(arguments: ["{", "[1,", "nul", "{\"a\":}", "\u{00}"])
    func garbageJSONIs4010(text: String) async throws {
        try await SandboxClient.with { client in
            let reply = try await client.post("createconnector", [
                ("connector", "g"), ("flavor", "web_cloud"), ("config", text), ("destination", "{}"),
            ])
            #expect(reply.status == 400)
            #expect(reply.error == 4010)
        }
    }

    @Test func jsonBodyIsRefusedWithAHavenBody() async throws {
        try await SandboxClient.with { client in
            let reply = try await client.request("/1/api/sync/listresources/v1?apikey=sandbox-key", method: .POST,
                                                 body: "{\"connector\": \"x\"}", contentType: "application/json")
            #expect(reply.status == 400)
            #expect(reply.error == 7005)
        }
    }

    @Test func brokenPercentEscapesAreKeptLiterally() async throws {
        try await SandboxClient.with { client in
            let reply = try await client.request("/1/api/sync/connectorstatus/v1?apikey=sandbox-key&connector=%zz")
            #expect(reply.error == 8004)
        }
    }
}
