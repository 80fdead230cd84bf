import FlowCore
import HavenActions
import HavenSandbox
import JSONValue
import Testing

@Suite(.timeLimit(.minutes(1))) struct JobAndIndexActionsTests {
    @Test func asyncCreateThenWaitJob() async throws {
        try await withActions { actions, sandbox in
            var input = webConnector("wiki")
            if case .object(var members) = input {
                members["async"] = true
                input = .object(members)
            }
            let submitted = try await actions.run("create-connector", input)
            let job = try #require(submitted["job_id"]?.stringValue)
            #expect(submitted == ["job_id": .string(job)])

            let waited = try await actions.run("wait-job", ["job": .string(job), "interval": "20ms"])
            #expect(waited["job_id"] == .string(job))
            #expect(waited["status"] == "finished")
            #expect(waited["result"] == ["connector": "wiki", "message": "connector created"])
            #expect(waited["actions"]?[0]?["status"] == "finished")
            #expect(sandbox.connectorNames() == ["wiki"])
        }
    }

    @Test func aFailedJobFailsWaitJobWithItsHavenError() async throws {
        try await withActions { actions, _ in
            let submitted = try await actions.run("delete-index", ["index": "nope", "async": true, "missing_ok": true])
            #expect(submitted == ["index": "nope", "deleted": false])
            let job = try await actions.run("haven", ["api": "deletetextindex", "params": ["index": "nope"], "async": true])
            let id = try #require(job["job_id"]?.stringValue)
            let failure = try #require(await actions.failure("wait-job", ["job": .string(id), "interval": "20ms"]))
            #expect(
                failure.message
                    == "Haven job \(id) failed in deletetextindex: Invalid job action parameters (4005): index does not exist (index 'nope')")
            #expect(failure.code == "4005")
            #expect(failure.detail?.value["job_id"] == .string(id))
            #expect(!failure.transient)
        }
    }

    @Test func indexesAndResources() async throws {
        try await withActions { actions, sandbox in
            let created = try await actions.run("create-index", ["index": "docs", "description": "all docs"])
            #expect(created == ["index": "docs", "message": "index created"])
            _ = try await actions.run("create-connector", webConnector("wiki"))

            let all = try await actions.run("list-resources", [:])
            let names = all["private_resources"]?.arrayValue?.compactMap { $0["resource"]?.stringValue }
            #expect(names == ["docs", "wiki"])
            let connectors = try await actions.run("list-resources", ["type": ["connector"]])
            #expect(connectors["private_resources"]?.arrayValue?.count == 1)

            let raw = try await actions.run("haven", ["api": "connectorstatus", "params": ["connector": "wiki"]])
            #expect(raw["status"] == "IDLE")

            let deleted = try await actions.run("delete-index", ["index": "docs"])
            #expect(deleted == ["index": "docs", "deleted": true])
            #expect(sandbox.indexNames() == [])
        }
    }

    @Test func anUnknownAPIFailsTheHavenAction() async throws {
        try await withActions { actions, _ in
            let failure = try #require(await actions.failure("haven", ["api": "nosuchapi"]))
            #expect(failure.message == "Haven rejected nosuchapi: Invalid job action (4004): API not found")
            #expect(failure.code == "4004")
        }
    }
}
