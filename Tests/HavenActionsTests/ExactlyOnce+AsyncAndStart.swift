import FlowCore
import HavenActions
import HavenSandbox
import JSONValue
import Testing

/// The async create and the start, retried after a lost answer.
extension ExactlyOnceTests {
    static let asyncWiki: JSON = [
        "connector": "wiki", "flavor": "web_cloud", "config": ["url": "http://example.com"],
        "destination": ["action": "addtotextindex", "index": "docs"], "async": true,
    ]

    @Test func anAsyncCreateRetriedAfterALostAnswerIsNotSubmittedAgain() async throws {
        try await acrossALostAnswer(
            first: { actions in
                let failure = try #require(await actions.failure("create-connector", Self.asyncWiki))
                #expect(failure.transient)
            },
            second: { actions, sandbox in
                let created = try await actions.run("create-connector", Self.asyncWiki, attempt: 2)
                #expect(created == ["job_id": .null, "connector": "wiki", "existing": true])
                let waited = try await actions.run("wait-job", ["job": created["job_id"] ?? .null])
                #expect(waited == ["job_id": .null, "status": "finished", "result": .null, "actions": []])
                #expect(sandbox.connectorNames() == ["wiki"])
            })
    }

    @Test func anAsyncCreateRetriedBeforeAnythingWasCreatedCreatesItOnce() async throws {
        try await withActions { actions, sandbox in
            let created = try await actions.run("create-connector", Self.asyncWiki, attempt: 2)
            #expect(created == ["job_id": .null, "connector": "wiki", "existing": false])
            #expect(sandbox.connectorNames() == ["wiki"])
        }
    }

    /// A sandbox that carries out every `startconnector` and loses its answer, with connector `wiki`.
    func withLostStarts(runDuration: Duration, _ body: (ActionRunner) async throws -> Void) async throws {
        let lossy = SandboxConfiguration(
            jobDelay: .milliseconds(5), runDuration: runDuration, seed: 3,
            faults: try FaultPlan(parsing: "startconnector:reset@after=1"))
        try await withActions(lossy) { actions, _ in
            _ = try await actions.run("create-connector", webConnector("wiki"))
            try await body(actions)
        }
    }

    @Test func aStartRetriedWhileTheLostRunIsUnderWayIsNotSentAgain() async throws {
        try await withLostStarts(runDuration: .seconds(30)) { actions in
            let first = try #require(await actions.failure("start-connector", ["connector": "wiki"]))
            #expect(first.transient)
            let retried = try await actions.run("start-connector", ["connector": "wiki"], attempt: 2)
            #expect(retried["already_started"] == true)
            #expect(retried["already_running"] == true)
            let history = try await actions.run("connector-history", ["connector": "wiki"])
            #expect(history["history"]?.arrayValue?.count == 1)
            #expect(retried["token"] == history["history"]?[0]?["token"])
        }
    }

    @Test func aStartRetriedAfterTheLostRunEndedIsNotSentAgain() async throws {
        try await withLostStarts(runDuration: .milliseconds(30)) { actions in
            let first = try #require(await actions.failure("start-connector", ["connector": "wiki"]))
            #expect(first.transient)
            let waited = try await actions.run("wait-connector", ["connector": "wiki", "timeout": "20s"])
            #expect(waited["status"] == "FINISHED")
            let retried = try await actions.run("start-connector", ["connector": "wiki"], attempt: 2)
            #expect(retried["already_started"] == true)
            #expect(retried["already_running"] == false)
            let history = try await actions.run("connector-history", ["connector": "wiki"])
            #expect(history["history"]?.arrayValue?.count == 1)
        }
    }

    /// A run that was under way before the first attempt is not taken for the step's own.
    @Test func aRunStartedBeforeTheFirstAttemptIsNotClaimed() async throws {
        try await withActions(SandboxConfiguration(jobDelay: .milliseconds(5), runDuration: .seconds(30), seed: 3)) {
            actions, _ in
            _ = try await actions.run("create-connector", webConnector("wiki"))
            _ = try await actions.run("start-connector", ["connector": "wiki"])
            let first = try #require(await actions.failure("start-connector", ["connector": "wiki"]))
            #expect(first.code == "4005")
            let second = try #require(await actions.failure("start-connector", ["connector": "wiki"], attempt: 2))
            #expect(second.code == "4005")
        }
    }
}
