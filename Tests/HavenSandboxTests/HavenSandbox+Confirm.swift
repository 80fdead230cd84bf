import HavenSandbox
import JSONValue
import Testing

@Suite("Delete confirmation")
struct ConfirmTests {
    @Test(arguments: [("deleteconnector", "connector"), ("deletetextindex", "index")])
    func twoStepDelete(api: String, kind: String) async throws {
        try await SandboxClient.with { client in
            if kind == "connector" {
                try await client.createConnector("gone")
            } else {
                _ = try await client.get("createtextindex", [("index", "gone"), ("flavor", "standard")])
            }
            let first = try await client.get(api, [(kind, "gone")])
            #expect(first.json[kind] == "gone")
            #expect(first.json["deleted"] == false)
            let token = try #require(first.json["confirm"]?.stringValue)
            #expect(token.count == 32)
            let second = try await client.get(api, [(kind, "gone"), ("confirm", token)])
            #expect(second.json == [kind: "gone", "deleted": true])
            let reused = try await client.get(api, [(kind, "gone"), ("confirm", token)])
            #expect(reused.json["detail"]?["message"] == .string("\(kind) does not exist"))
        }
    }

    @Test func wrongReusedOrForeignTokensAre5080() async throws {
        try await SandboxClient.with(SandboxConfiguration(apiKeys: ["k1", "k2"])) { client in
            var one = client
            one.key = "k1"
            var two = client
            two.key = "k2"
            try await one.createConnector("a")
            try await one.createConnector("b")
            let token = try #require(try await one.get("deleteconnector", [("connector", "a")]).json["confirm"]?.stringValue)
            let wrong = try await one.get("deleteconnector", [("connector", "a"), ("confirm", "0000")])
            #expect(wrong.status == 400)
            #expect(wrong.json == [
                "error": 5080, "reason": "Invalid confirm token",
                "detail": ["message": "confirm token is wrong, used or expired", "connector": "a"],
            ])
            #expect(try await one.get("deleteconnector", [("connector", "b"), ("confirm", token)]).error == 5080)
            #expect(try await two.get("deleteconnector", [("connector", "a"), ("confirm", token)]).error == 5080)
            #expect(try await one.get("deleteconnector", [("connector", "a"), ("confirm", token)]).json["deleted"] == true)
            #expect(client.sandbox.connectorNames() == ["b"])
        }
    }

    /// A token lives `confirmTokenLifetime` (10 minutes) of the sandbox's time, moved here by the test.
    @Test(.timeLimit(.minutes(1)))
    func expiredTokenIs5080() async throws {
        let time = SteppedTime()
        try await SandboxClient.with(SandboxConfiguration(now: time.clock)) { client in
            try await client.createConnector("a")
            try await client.createConnector("b")
            let first = try #require(try await client.get("deleteconnector", [("connector", "a")]).json["confirm"]?.stringValue)
            let second = try #require(try await client.get("deleteconnector", [("connector", "b")]).json["confirm"]?.stringValue)
            time.advance(by: .seconds(599))
            #expect(try await client.get("deleteconnector", [("connector", "b"), ("confirm", second)]).json["deleted"] == true)
            time.advance(by: .seconds(2))
            #expect(try await client.get("deleteconnector", [("connector", "a"), ("confirm", first)]).error == 5080)
            #expect(client.sandbox.connectorNames() == ["a"])
        }
    }

    @Test func noConfirmationModeDeletesInOneCall() async throws {
        try await SandboxClient.with(SandboxConfiguration(deleteConfirmation: .none)) { client in
            try await client.createConnector("a")
            #expect(try await client.get("deleteconnector", [("connector", "a")]).json == ["connector": "a", "deleted": true])
            #expect(client.sandbox.connectorNames() == [])
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func runningConnectorCannotBeDeleted() async throws {
        try await SandboxClient.with(SandboxConfiguration(runDuration: .seconds(30))) { client in
            try await client.createConnector("busy")
            _ = try await client.get("startconnector", [("connector", "busy")])
            let reply = try await client.get("deleteconnector", [("connector", "busy")])
            #expect(reply.json["detail"] == ["message": "connector is running", "connector": "busy"])
        }
    }
}
