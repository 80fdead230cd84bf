import HavenSandbox
import JSONValue
import Testing

@Suite("Asynchronous jobs")
struct JobTests {
    /// The job's 3 s are split at random between `queued` (the first 20–80 %) and `in progress`; the
    /// sandbox's time moves only when the test moves it, so every phase is seen whatever the machine.
    @Test(.timeLimit(.minutes(1)))
    func asyncJobGoesQueuedInProgressFinished() async throws {
        let time = SteppedTime()
        try await SandboxClient.with(SandboxConfiguration(jobDelay: .seconds(3), seed: 1, now: time.clock)) { client in
            let submitted = try await client.createConnectorAsync("j1")
            let id = try #require(submitted.json["jobID"]?.stringValue)
            #expect(id.hasPrefix("w-eu_"))
            #expect(id.count == "w-eu_".count + 36)
            var seen: [String] = []
            for step in [Duration.zero, .milliseconds(500), .seconds(2), .milliseconds(250), .milliseconds(750)] {
                time.advance(by: step)
                let status = try await client.request("/1/job/status/\(id)?apikey=sandbox-key")
                seen.append(status.json["status"]?.stringValue ?? "?")
            }
            #expect(seen == ["queued", "queued", "in progress", "in progress", "finished"])
            let result = try await client.request("/1/job/result/\(id)?apikey=sandbox-key")
            #expect(result.json == [
                "jobID": .string(id), "status": "finished",
                "actions": [["action": "createconnector", "version": "v1", "status": "finished",
                             "result": ["connector": "j1", "message": "connector created"]]],
            ])
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func resultWaitsForTheJob() async throws {
        try await SandboxClient.with(SandboxConfiguration(jobDelay: .milliseconds(300))) { client in
            let id = try #require(try await client.get("listresources", async: true).json["jobID"]?.stringValue)
            let result = try await client.request("/1/job/result/\(id)?apikey=sandbox-key")
            #expect(result.json["status"] == "finished")
            #expect(result.json["actions"]?[0]?["result"] == ["private_resources": [], "public_resources": []])
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func resultTimeoutIs7000() async throws {
        try await SandboxClient.with(SandboxConfiguration(jobDelay: .seconds(30), resultTimeout: .milliseconds(100))) { client in
            let id = try #require(try await client.get("listresources", async: true).json["jobID"]?.stringValue)
            let result = try await client.request("/1/job/result/\(id)?apikey=sandbox-key")
            #expect(result.status == 504)
            #expect(result.json["error"] == 7000)
            #expect(result.json["reason"] == "Request took too long")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func failedActionAppearsInErrors() async throws {
        try await SandboxClient.with(SandboxConfiguration(jobDelay: .milliseconds(20))) { client in
            let id = try #require(try await client.get("connectorstatus", [("connector", "ghost")], async: true).json["jobID"]?.stringValue)
            let result = try await client.request("/1/job/result/\(id)?apikey=sandbox-key")
            #expect(result.json == [
                "jobID": .string(id), "status": "failed",
                "actions": [["action": "connectorstatus", "version": "v1", "status": "failed", "errors": [[
                    "error": 4005, "reason": "Invalid job action parameters",
                    "detail": ["message": "connector does not exist", "connector": "ghost"],
                ]]]],
            ])
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func batchJobRunsActionsInOrder() async throws {
        try await SandboxClient.with(SandboxConfiguration(jobDelay: .milliseconds(20))) { client in
            let job = #"{"actions":[{"name":"createtextindex","version":"v1","params":{"index":"bi","flavor":"standard"}},"#
                + #"{"name":"createconnector","version":"v1","params":{"connector":"bc","flavor":"web_cloud","config":{"url":"http://x"},"destination":{"action":"addtotextindex","index":"bi"}}},"#
                + #"{"name":"nosuchapi","version":"v1","params":{}},"#
                + #"{"name":"listresources","version":"v1","params":{}}]}"#
            let submitted = try await client.request("/1/job", method: .POST,
                                                     body: SandboxClient.query([("apikey", "sandbox-key"), ("job", job)]),
                                                     contentType: "application/x-www-form-urlencoded")
            let id = try #require(submitted.json["jobID"]?.stringValue)
            let result = try await client.request("/1/job/result/\(id)?apikey=sandbox-key")
            let actions = try #require(result.json["actions"]?.arrayValue)
            #expect(result.json["status"] == "failed")
            #expect(actions.map { $0["status"] } == ["finished", "finished", "failed", "failed"])
            #expect(actions[1]["result"] == ["connector": "bc", "message": "connector created"])
            #expect(actions[2]["errors"]?[0]?["error"] == 4004)
            #expect(actions[3]["errors"]?[0]?["error"] == 5001)
            #expect(client.sandbox.connectorNames() == ["bc"])
        }
    }

    @Test func batchWithoutActionsIsRefused() async throws {
        try await SandboxClient.with { client async throws in
            #expect(try await client.postBatch("apikey=sandbox-key").json["detail"]?["params"] == ["job"])
            #expect(try await client.postBatch("apikey=sandbox-key&job=%7Bnope").error == 4010)
            #expect(try await client.postBatch("apikey=sandbox-key&job=%7B%22actions%22%3A%5B%5D%7D").error == 4002)
        }
    }

    @Test func seededSandboxesGiveTheSameJobIDs() async throws {
        func ids() async throws -> [String] {
            try await SandboxClient.with(SandboxConfiguration(seed: 42)) { client in
                var ids: [String] = []
                for _ in 0..<3 { ids.append(try await client.get("listresources", async: true).json["jobID"]?.stringValue ?? "") }
                return ids
            }
        }
        let first = try await ids()
        #expect(first == (try await ids()))
        #expect(Set(first).count == 3)
    }
}

extension SandboxClient {
    func postBatch(_ body: String) async throws -> Reply {
        try await request("/1/job", method: .POST, body: body, contentType: "application/x-www-form-urlencoded")
    }

    func createConnectorAsync(_ name: String) async throws -> Reply {
        try await get("createconnector", [
            ("connector", name), ("flavor", "web_cloud"), ("config", #"{"url":"http://example.com"}"#),
            ("destination", #"{"action":"addtotextindex","index":"idx"}"#),
        ], async: true)
    }
}
