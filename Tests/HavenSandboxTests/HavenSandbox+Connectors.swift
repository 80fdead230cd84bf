import HavenSandbox
import JSONValue
import Testing

@Suite("Connector APIs")
struct ConnectorTests {
    @Test func createThenRetrieveConfig() async throws {
        try await SandboxClient.with { client in
            let created = try await client.createConnector("web1", extra: [("description", "my web"), ("schedule", #"{"occurrences":3}"#)])
            #expect(created.status == 200)
            #expect(created.json == ["connector": "web1", "message": "connector created"])
            let config = try await client.get("retrieveconfig", [("connector", "web1")])
            #expect(config.json == [
                "name": "web1", "flavor": "web_cloud",
                "config": [
                    "config": ["url": "http://example.com"],
                    "destination": ["action": "addtotextindex", "index": "idx"],
                    "schedule": ["occurrences": 3], "description": "my web",
                ],
            ])
            #expect(client.sandbox.connectorNames() == ["web1"])
        }
    }

    @Test func onsiteFlavorGetsDownloadLinksAndCannotStart() async throws {
        try await SandboxClient.with { client in
            let created = try await client.createConnector("fs1", flavor: "filesystem_onsite")
            #expect(created.json["download_link"]?.objectValue?.keys.sorted()
                == ["linux_x86", "linux_x86_64", "windows_x86", "windows_x86_64"])
            let start = try await client.get("startconnector", [("connector", "fs1")])
            #expect(start.status == 400)
            #expect(start.json == [
                "error": 4005, "reason": "Invalid job action parameters",
                "detail": ["message": "startconnector is available only for cloud flavor connectors", "connector": "fs1"],
            ])
        }
    }

    @Test func createTwiceIs4005() async throws {
        try await SandboxClient.with { client in
            try await client.createConnector("dup")
            let again = try await client.createConnector("dup")
            #expect(again.status == 400)
            #expect(again.json["detail"] == ["message": "connector already exists", "connector": "dup"])
        }
    }

    @Test func missingParametersAreListed() async throws {
        try await SandboxClient.with { client in
            let reply = try await client.get("createconnector", [("connector", "x")])
            #expect(reply.status == 400)
            #expect(reply.json == [
                "error": 4015, "reason": "Missing required parameter(s)",
                "detail": ["message": "missing required parameter(s)", "params": ["flavor", "config", "destination"]],
            ])
        }
    }

    @Test func unknownFlavorIs4029() async throws {
        try await SandboxClient.with { client in
            let reply = try await client.createConnector("x", flavor: "ftp_cloud")
            #expect(reply.status == 400)
            #expect(reply.error == 4029)
            #expect(reply.json["detail"]?["flavor"] == "ftp_cloud")
        }
    }

    @Test(arguments: ["bad name", "a/b", String(repeating: "n", count: 101), "tab\tname", "é"])
    func invalidNamesAre8004(name: String) async throws {
        try await SandboxClient.with { client in
            let reply = try await client.createConnector(name)
            #expect(reply.status == 400)
            #expect(reply.error == 8004)
            #expect(reply.json["reason"] == "Connector name invalid")
        }
    }

    @Test func updateReplacesGivenValuesWhole() async throws {
        try await SandboxClient.with { client in
            try await client.createConnector("u1")
            let reply = try await client.post("updateconnector", [("connector", "u1"), ("config", #"{"url":"http://b","max_pages":10}"#)])
            #expect(reply.json == ["connector": "u1", "message": "connector updated"])
            let config = try await client.get("retrieveconfig", [("connector", "u1")])
            #expect(config.json["config"]?["config"] == ["url": "http://b", "max_pages": 10])
            #expect(config.json["config"]?["destination"] == ["action": "addtotextindex", "index": "idx"])
            let flavor = try await client.get("updateconnector", [("connector", "u1"), ("flavor", "dropbox_cloud")])
            #expect(flavor.json["detail"]?["message"] == "the flavor of a connector cannot change")
        }
    }

    @Test(arguments: ["updateconnector", "deleteconnector", "retrieveconfig", "connectorstatus", "connectorhistory",
                      "startconnector", "stopconnector", "cancelconnectorschedule"])
    func unknownConnectorIs4005(api: String) async throws {
        try await SandboxClient.with { client in
            let reply = try await client.get(api, [("connector", "ghost")])
            #expect(reply.status == 400)
            #expect(reply.json == [
                "error": 4005, "reason": "Invalid job action parameters",
                "detail": ["message": "connector does not exist", "connector": "ghost"],
            ])
            let missing = try await client.get(api)
            #expect(missing.json["detail"]?["params"] == ["connector"])
        }
    }

    @Test func nonObjectConfigIs4005() async throws {
        try await SandboxClient.with { client in
            let reply = try await client.get("createconnector", [
                ("connector", "c"), ("flavor", "web_cloud"), ("config", "[1]"), ("destination", "{}"),
            ])
            #expect(reply.json["detail"] == ["message": "config must be a JSON object", "connector": "c"])
        }
    }

    @Test func quotaIs9003() async throws {
        try await SandboxClient.with(SandboxConfiguration(maxConnectors: 1)) { client in
            try await client.createConnector("one")
            let reply = try await client.createConnector("two")
            #expect(reply.status == 403)
            #expect(reply.error == 9003)
            #expect(reply.json["reason"] == "Reached connector count quota")
        }
    }

    @Test func cancelScheduleOnlyChangesAnActiveSchedule() async throws {
        try await SandboxClient.with { client in
            try await client.createConnector("s1", extra: [("schedule", #"{"frequency":{"frequency_type":"seconds","interval":21600}}"#)])
            let first = try await client.get("cancelconnectorschedule", [("connector", "s1")])
            #expect(first.json == ["connector": "s1", "stopped_schedule": true])
            let second = try await client.get("cancelconnectorschedule", [("connector", "s1")])
            #expect(second.json == ["connector": "s1", "stopped_schedule": false])
        }
    }

    @Test func listResourcesShowsConnectorsAndIndexes() async throws {
        try await SandboxClient.with { client in
            try await client.createConnector("c1", extra: [("description", "d")])
            _ = try await client.get("createtextindex", [("index", "i1"), ("flavor", "standard")])
            let all = try await client.get("listresources")
            let names = all.json["private_resources"]?.arrayValue?.compactMap { $0["resource"]?.stringValue }
            #expect(Set(names ?? []) == ["c1", "i1"])
            #expect(all.json["public_resources"] == [])
            let connectors = try await client.get("listresources", [("type", "connector")])
            let item = connectors.json["private_resources"]?[0]
            #expect(item?["resource"] == "c1")
            #expect(item?["type"] == "connector")
            #expect(item?["flavor"] == "web_cloud")
            #expect(item?["description"] == "d")
            #expect(item?["date_created"]?.stringValue?.hasSuffix("GMT+0000 (UTC)") == true)
            let content = try await client.get("listresources", [("type", "content")])
            #expect(content.json["private_resources"]?.arrayValue?.count == 1)
        }
    }

    @Test func textIndexValidation() async throws {
        try await SandboxClient.with { client in
            let ok = try await client.get("createtextindex", [("index", "idx"), ("flavor", "explorer"), ("description", "x")])
            #expect(ok.json == ["index": "idx", "message": "index created"])
            #expect(try await client.get("createtextindex", [("index", "idx"), ("flavor", "explorer")]).json["detail"]
                == ["message": "index already exists", "index": "idx"])
            #expect(try await client.get("createtextindex", [("index", "idx2"), ("flavor", "nope")]).error == 4029)
            #expect(try await client.get("createtextindex", [("index", "bad name"), ("flavor", "standard")]).error == 8002)
            #expect(try await client.get("createtextindex").json["detail"]?["params"] == ["index", "flavor"])
            #expect(try await client.get("deletetextindex", [("index", "nope")]).json["detail"]
                == ["message": "index does not exist", "index": "nope"])
        }
    }
}
