import FlowCore
import HavenActions
import HavenSandbox
import JSONValue
import Testing

@Suite(.timeLimit(.minutes(1))) struct ConnectorActionsTests {
    @Test func createStartWaitAndDelete() async throws {
        try await withActions { actions, sandbox in
            let created = try await actions.run("create", webConnector("wiki"))
            #expect(created == ["connector": "wiki", "message": "connector created"])

            let config = try await actions.run("retrieve-config", ["connector": "wiki"])
            #expect(config["flavor"] == "web_cloud")
            #expect(config["config"]?["config"] == ["url": "http://example.com"])

            let updated = try await actions.run(
                "update-connector", ["connector": "wiki", "config": ["url": "http://example.org"]])
            #expect(updated == ["connector": "wiki", "message": "connector updated"])

            let started = try await actions.run("start-connector", ["connector": "wiki"])
            #expect(started["connector"] == "wiki")
            #expect(started["token"]?.stringValue != nil)

            let finished = try await actions.run("wait-connector", ["connector": "wiki", "interval": "50ms"])
            #expect(finished["status"] == "FINISHED")
            #expect(finished["connector"] == "wiki")

            let history = try await actions.run("connector-history", ["connector": "wiki"])
            #expect(history["history"]?.arrayValue?.count == 1)

            let status = try await actions.run("connector-status", ["connector": "wiki"])
            #expect(status["status"] == "FINISHED")

            let deleted = try await actions.run("delete-connector", ["connector": "wiki"])
            #expect(deleted == ["connector": "wiki", "deleted": true])
            #expect(sandbox.connectorNames() == [])
        }
    }

    @Test func aRealAlreadyExistsFailsTheFirstAttempt() async throws {
        try await withActions { actions, _ in
            _ = try await actions.run("create-connector", webConnector("wiki"))
            let failure = try #require(await actions.failure("create-connector", webConnector("wiki")))
            #expect(
                failure.message
                    == "Haven rejected createconnector: Invalid job action parameters (4005): connector already exists (connector 'wiki')")
            #expect(failure.code == "4005")
            #expect(failure.detail?.value["error"] == 4005)
            #expect(failure.detail?.value["reason"] == "Invalid job action parameters")
            #expect(failure.detail?.value["detail"]?["message"] == "connector already exists")
            #expect(failure.detail?.notes == ["Haven error 4005", "Invalid job action parameters"])
            // The run log keeps the detail under `haven` (docs/run-log.md).
            let logged = StepError(failure.message, code: failure.code, detail: failure.detail).json()
            #expect(logged["haven"] == failure.detail?.value)
            #expect(logged.objectValue?.keys.sorted() == ["code", "haven", "message"])
            #expect(!failure.transient)
        }
    }

    @Test(arguments: [
        ("stop-connector", "Haven rejected stopconnector: Invalid job action parameters (4005): connector is not running (connector 'wiki')"),
        ("connector-status", "Haven rejected connectorstatus: Invalid job action parameters (4005): connector does not exist (connector 'nope')"),
        ("delete-connector", "Haven rejected deleteconnector: Invalid job action parameters (4005): connector does not exist (connector 'nope')"),
    ])
    func mainFailures(action: String, message: String) async throws {
        try await withActions { actions, _ in
            _ = try await actions.run("create-connector", webConnector("wiki"))
            let name: JSON = action == "stop-connector" ? "wiki" : "nope"
            let failure = try #require(await actions.failure(action, ["connector": name]))
            #expect(failure.message == message)
            #expect(failure.code == "4005")
        }
    }

    @Test func deleteWithMissingOK() async throws {
        try await withActions { actions, _ in
            let deleted = try await actions.run("delete-connector", ["connector": "nope", "missing_ok": true])
            #expect(deleted == ["connector": "nope", "deleted": false])
        }
    }

    @Test func cancelSchedule() async throws {
        try await withActions { actions, _ in
            var input = webConnector("nightly")
            if case .object(var members) = input {
                members["schedule"] = ["frequency": ["frequency_type": "seconds", "interval": 3600]]
                input = .object(members)
            }
            _ = try await actions.run("create-connector", input)
            let cancelled = try await actions.run("cancel-schedule", ["connector": "nightly"])
            #expect(cancelled == ["connector": "nightly", "stopped_schedule": true])
        }
    }

    @Test func waitConnectorFailsOnTimeout() async throws {
        let slow = SandboxConfiguration(jobDelay: .milliseconds(20), runDuration: .seconds(30), seed: 2)
        try await withActions(slow) { actions, _ in
            _ = try await actions.run("create-connector", webConnector("wiki"))
            _ = try await actions.run("start-connector", ["connector": "wiki"])
            let failure = try #require(
                await actions.failure(
                    "wait-connector", ["connector": "wiki", "interval": "20ms", "timeout": "100ms"]))
            #expect(failure.message.hasPrefix("connector 'wiki' did not reach ERROR, FINISHED, STOPPED within 100ms (last status: "))
        }
    }
}
