import JSONValue
import Testing

@testable import HavenClient

@Suite struct ResultReadingTests {
    @Test func jobEnvelopeFinished() throws {
        let envelope = try JobEnvelope(json: try JSON(parsing: #"""
            {"jobID":"w-eu_1","status":"finished","extra":1,
             "actions":[{"action":"startconnector","version":"v1","status":"finished","result":{"connector":"c","token":"t"}}]}
            """#))
        #expect(envelope.jobID == "w-eu_1")
        #expect(envelope.status == .finished)
        #expect(envelope.actions.map(\.action) == ["startconnector"])
        #expect(envelope.result == ["connector": "c", "token": "t"])
        #expect(envelope.firstError == nil)
        let started = try HavenCall.startConnector("c").result(of: envelope)
        #expect(started.token == "t")
    }

    @Test func jobEnvelopeWithoutActionsAndInCapitals() throws {
        let envelope = try JobEnvelope(json: ["status": "FINISHED"], jobID: "j")
        #expect(envelope.status == .finished)
        #expect(envelope.jobID == "j")
        #expect(envelope.actions.isEmpty)
        #expect(throws: HavenError.self) { try JobEnvelope(json: ["jobID": "j"]) }
    }

    @Test func connectorStatusIsReadTolerantly() throws {
        let status = ConnectorStatus(json: try JSON(parsing: #"""
            {"connector":"c","status":"processing","flavor":"web_cloud","time_in_queue":4,
             "document_counts":{"added":3,"errors":0},"schedule":null,"unknown":[1]}
            """#))
        #expect(status.status == .processing)
        #expect(status.status.isRunning)
        #expect(status.documentCounts == ["added": 3, "errors": 0])
        #expect(status.timeInQueue == 4)
        #expect(status.schedule == nil)
        #expect(status.token == nil)
    }

    @Test func retrieveConfigSplitsTheSettings() throws {
        let config = ConnectorConfig(json: try JSON(parsing: #"""
            {"name":"c","flavor":"web_cloud","config":{"config":{"url":"http://x"},"destination":{"action":"addtotextindex","index":"i"},"description":"d"}}
            """#))
        #expect(config.config == ["url": "http://x"])
        #expect(config.destination?["index"] == "i")
        #expect(config.description == "d")
        #expect(config.schedule == nil)
    }

    @Test func deleteAnswersInBothShapes() {
        let first = DeleteResult(json: ["deleted": false, "confirm": "tok"], name: "c")
        #expect(first.name == "c" && !first.deleted && first.confirm == "tok")
        let second = DeleteResult(json: ["index": "i", "deleted": true], confirmed: true)
        #expect(second.name == "i" && second.deleted && second.confirmed)
    }

    @Test func resourceList() throws {
        let list = ResourceList(json: try JSON(parsing: #"""
            {"private_resources":[{"resource":"c","type":"connector","flavor":"web_cloud","description":null}],"public_resources":[]}
            """#))
        #expect(list.resource(named: "c")?.flavor == "web_cloud")
        #expect(list.resource(named: "c")?.description == nil)
        #expect(list.publicResources.isEmpty)
    }

    @Test func nonObjectResultsAreInvalidResponses() {
        #expect(throws: HavenError.self) { try HavenCall.connectorStatus("c").result(from: [1, 2]) }
    }

    @Test func theClientsDefaultRetryIsFourAttemptsFrom100msTo5s() {
        let configuration = HavenClient.Configuration()
        #expect(configuration.retry == RetryPolicy(attempts: 4, delay: .milliseconds(100), maxDelay: .seconds(5)))
        #expect(configuration.retry == .havenClient)
        #expect(configuration.honorsRetryAfter)
    }

    @Test func retryDelaysStayUnderTheCeilingAndHonourRetryAfter() {
        let policy = RetryPolicy(attempts: 5, delay: .milliseconds(100), maxDelay: .seconds(1))
        let configuration = HavenClient.Configuration(retry: policy)
        for retry in 1...6 {
            let ceiling = min(1.0, 0.1 * Double(1 << (retry - 1)))
            #expect(configuration.delay(afterAttempt: retry) <= .seconds(ceiling))
        }
        #expect(configuration.delay(afterAttempt: 1, retryAfter: .seconds(2)) == .seconds(2))
        let ignoring = HavenClient.Configuration(honorsRetryAfter: false)
        #expect(ignoring.delay(afterAttempt: 1, retryAfter: .seconds(2)) <= .milliseconds(100))
    }

    @Test func apiKeyIsMasked() {
        let key = APIKey("s3cret+/=")
        #expect("\(key)" == "***")
        #expect(key.scrub("x s3cret+/= y s3cret%2B%2F%3D") == "x *** y ***")
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains("s3cret"))
    }
}

@Suite struct APIKeyScrubbingTests {
    @Test func anEchoedKeyIsRemovedFromHavenErrors() {
        let key = APIKey("k3y/+")
        let echoed = HavenError(
            kind: .haven, api: "listresources", code: 2002, reason: "Unknown API key k3y/+",
            detail: ["message": "key k3y%2F%2B", "keys": ["k3y/+"]], message: "k3y/+")
        let clean = key.scrub(echoed)
        #expect(clean.reason == "Unknown API key ***")
        #expect(clean.detail == ["message": "key ***", "keys": ["***"]])
        #expect(clean.message == "***")
        #expect(!clean.description.contains("k3y"))
    }
}
