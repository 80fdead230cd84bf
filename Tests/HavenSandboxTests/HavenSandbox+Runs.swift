import HavenSandbox
import JSONValue
import Testing

@Suite("Connector runs")
struct RunTests {
    /// An 8 s run is QUEUED for its first fifth, then PROCESSING, then FINISHED; the sandbox's time moves
    /// only when the test moves it, so each phase is read whatever the machine.
    @Test(.timeLimit(.minutes(1)))
    func runGoesQueuedProcessingFinished() async throws {
        let time = SteppedTime()
        try await SandboxClient.with(SandboxConfiguration(runDuration: .seconds(8), now: time.clock)) { client in
            try await client.createConnector("r1")
            #expect(try await client.get("connectorstatus", [("connector", "r1")]).json
                == ["connector": "r1", "status": "IDLE", "flavor": "web_cloud"])
            let start = try await client.get("startconnector", [("connector", "r1")])
            let token = try #require(start.json["token"]?.stringValue)
            #expect(start.json == ["connector": "r1", "token": .string(token)])
            time.advance(by: .milliseconds(1500))
            let queued = try await client.get("connectorstatus", [("connector", "r1")])
            #expect(queued.json["status"] == "QUEUED")
            #expect(queued.json["token"] == .string(token))
            #expect(try await client.get("startconnector", [("connector", "r1")]).json["detail"]?["message"] == "connector is running")
            time.advance(by: .milliseconds(500))
            let processing = try await client.get("connectorstatus", [("connector", "r1")])
            #expect(processing.json["status"] == "PROCESSING")
            #expect(processing.json["process_start_time"] != nil)
            time.advance(by: .seconds(6))
            let finished = try await client.get("connectorstatus", [("connector", "r1")])
            #expect(finished.json["status"] == "FINISHED")
            #expect(finished.json["process_end_time"] != nil)
            #expect(finished.json["document_counts"]?["added"] == 100)
            let queuedTime = try #require(finished.json["queued_time"]?.stringValue)
            #expect(queuedTime.count == "08/07/2016 13:12:09 +00:00".count)
            #expect(queuedTime.hasSuffix(" +00:00"))
        }
    }

    /// A stop request makes the run STOPPING for a quarter of its duration, then STOPPED.
    @Test(.timeLimit(.minutes(1)))
    func stopGoesStoppingStopped() async throws {
        let time = SteppedTime()
        try await SandboxClient.with(SandboxConfiguration(runDuration: .seconds(8), now: time.clock)) { client in
            try await client.createConnector("r2")
            #expect(try await client.get("stopconnector", [("connector", "r2")]).json["detail"]
                == ["message": "connector is not running", "connector": "r2"])
            _ = try await client.get("startconnector", [("connector", "r2")])
            #expect(try await client.get("stopconnector", [("connector", "r2")]).json
                == ["connector": "r2", "message": "stop requested"])
            time.advance(by: .milliseconds(1500))
            #expect(try await client.get("connectorstatus", [("connector", "r2")]).json["status"] == "STOPPING")
            time.advance(by: .milliseconds(500))
            #expect(try await client.get("connectorstatus", [("connector", "r2")]).json["status"] == "STOPPED")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func historyIsNewestFirstAndFilters() async throws {
        try await SandboxClient.with(SandboxConfiguration(runDuration: .milliseconds(100))) { client in
            try await client.createConnector("h1")
            var tokens: [String] = []
            for _ in 0..<3 {
                tokens.append(try await client.get("startconnector", [("connector", "h1")]).json["token"]?.stringValue ?? "")
                _ = try await client.waitForStatus("h1", "FINISHED")
            }
            let history = try await client.get("connectorhistory", [("connector", "h1")])
            #expect(history.json["history"]?.arrayValue?.map { $0["token"]?.stringValue ?? "" } == Array(tokens.reversed()))
            let limited = try await client.get("connectorhistory", [("connectors", "h1"), ("max_page_results", "1")])
            #expect(limited.json["history"]?.arrayValue?.count == 1)
            let none = try await client.get("connectorhistory", [("connector", "h1"), ("statuses", "ERROR")])
            #expect(none.json["history"] == [])
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func sandboxOutcomeErrorEndsInError() async throws {
        try await SandboxClient.with(SandboxConfiguration(runDuration: .milliseconds(100))) { client in
            _ = try await client.get("createconnector", [
                ("connector", "e1"), ("flavor", "web_cloud"), ("config", #"{"url":"http://x","sandbox_outcome":"ERROR"}"#),
                ("destination", "{}"),
            ])
            _ = try await client.get("startconnector", [("connector", "e1")])
            #expect(try await client.waitForStatus("e1", "ERROR").json["status"] == "ERROR")
        }
    }

    @Test func scheduleInformation() async throws {
        try await SandboxClient.with { client in
            try await client.createConnector("s", extra: [("schedule", #"{"occurrences":4}"#)])
            let status = try await client.get("connectorstatus", [("connector", "s"), ("schedule_information", "true")])
            #expect(status.json["schedule"] == ["occurrences_remaining": 4, "next_run_time": nil, "last_run_time": nil])
        }
    }
}
