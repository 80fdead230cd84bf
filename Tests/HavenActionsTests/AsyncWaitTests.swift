import FlowCore
import HavenActions
import HavenSandbox
import JSONValue
import Testing

/// `async: true, wait: true`: submit, wait, and under `retry:` submit again when the job ends failed
/// transiently — each change applied exactly once.
@Suite(.timeLimit(.minutes(1))) struct AsyncWaitTests {
    static let names = (0..<10).map { "c\($0)" }

    static let workflow = """
        version: 1
        name: async-wait
        vars:
          names: [\(names.joined(separator: ", "))]
        defaults:
          retry: { attempts: 40, delay: 1ms, jitter: false }
        steps:
          - id: index
            create-index: { index: docs, async: true, wait: true }
        \(createEachStep("create", inputs: ["async: true", "wait: true"]))
          - id: delete
            for_each: ${{ vars.names }}
            concurrency: 4
            delete-connector: { connector: "${{ item }}", async: true, wait: true }
        """

    @Test func failedJobsAreSubmittedAgainAndEachChangeHappensOnce() async throws {
        let faults = "jobfail=0.5,createconnector:reset@after=0.1,jobstatus:503=0.1"
        let run = try await runAgainstSandbox(Self.workflow, faults: faults, clientRetries: false)
        #expect(run.outcome.status == .succeeded, "\(run.outcome.error?.message ?? "")")
        let create = try #require(run.outcome.step("create"))
        #expect(create.attempts > Self.names.count)  // some jobs failed and were submitted again
        #expect(create.elements?.allSatisfy { $0.outputs["connector"] == $0.item } == true)
        #expect(run.audited("created").sorted() == (["docs"] + Self.names).sorted())
        #expect(run.audited("deleted").sorted() == Self.names.sorted())
        #expect(run.connectors == [])
    }

    @Test func theOutputsAreTheSynchronousOnesPlusTheJob() async throws {
        try await withActions { actions, _ in
            let created = try await actions.run(
                "create-connector", webConnector("wiki").merging(["async": true, "wait": true]))
            let job = try #require(created["job_id"]?.stringValue)
            #expect(job.hasPrefix("w-eu_"))
            #expect(created == ["connector": "wiki", "message": "connector created", "job_id": .string(job)])
            let index = try await actions.run("create-index", ["index": "docs", "async": true, "wait": true])
            #expect(index["index"] == "docs")
            #expect(index["job_id"]?.stringValue?.hasPrefix("w-eu_") == true)
        }
    }

    @Test func aJobThatFailedTransientlyIsATransientFailureThatChangedNothing() async throws {
        let sandbox = SandboxConfiguration(
            jobDelay: .milliseconds(1), seed: 2, faults: try FaultPlan(parsing: "createconnector:jobfail=1"))
        try await withActions(sandbox) { actions, sandbox in
            let input = webConnector("wiki").merging(["async": true, "wait": true])
            let failure = try #require(await actions.failure("create-connector", input))
            #expect(failure.transient)
            #expect(failure.code == "5000")
            #expect(failure.message.hasSuffix("failed in createconnector: Backend request failed (5000): injected job failure"))
            #expect(sandbox.connectorNames() == [])
        }
    }

    @Test func aJobThatFailedForGoodIsNotSubmittedAgain() async throws {
        try await withActions { actions, sandbox in
            _ = try await actions.run("create-connector", webConnector("wiki", url: "http://other.example"))
            let input = webConnector("wiki").merging(["async": true, "wait": true])
            let failure = try #require(await actions.failure("create-connector", input))
            #expect(!failure.transient)
            #expect(failure.code == "4005")
            #expect(
                failure.message.hasSuffix(
                    "failed in createconnector: Invalid job action parameters (4005): connector already exists "
                        + "(connector 'wiki')"))
            #expect(sandbox.jobCount() == 1)
        }
    }

    @Test func aRetryWhoseJobFindsTheSameConnectorCountsItAsCreated() async throws {
        try await withActions { actions, sandbox in
            _ = try await actions.run("create-connector", webConnector("wiki"))
            let input = webConnector("wiki").merging(["async": true, "wait": true])
            let created = try await actions.run("create-connector", input, attempt: 2)
            #expect(
                created == [
                    "connector": "wiki",
                    "message": "connector created (confirmed after an earlier attempt's answer was lost)",
                    "job_id": .null,
                ])
            #expect(sandbox.jobCount() == 1)
        }
    }

    @Test func aNonTransientFailureInAWorkflowIsNotRetried() async throws {
        let text = """
            version: 1
            name: conflict
            steps:
              - create-connector:
                  connector: wiki
                  flavor: web_cloud
                  config: { url: "http://other.example" }
                  destination: { action: addtotextindex, index: docs }
              - id: again
                create-connector:
                  connector: wiki
                  flavor: web_cloud
                  config: { url: "http://example.com" }
                  destination: { action: addtotextindex, index: docs }
                  async: true
                  wait: true
                retry: { attempts: 5, delay: 1ms }
            """
        let run = try await runAgainstSandbox(text, faults: "")
        #expect(run.outcome.status == .failed)
        #expect(run.outcome.step("again")?.attempts == 1)
        #expect(run.audited("created") == ["wiki"])
    }

    @Test func aStartWaitsForItsJobAndAFailedOneStartsNoRun() async throws {
        let sandbox = SandboxConfiguration(
            jobDelay: .milliseconds(1), runDuration: .seconds(30), seed: 2,
            faults: try FaultPlan(parsing: "startconnector:jobfail=1"))
        try await withActions(sandbox) { actions, _ in
            _ = try await actions.run("create-connector", webConnector("wiki"))
            let input: JSON = ["connector": "wiki", "async": true, "wait": true]
            let failure = try #require(await actions.failure("start-connector", input))
            #expect(failure.transient)
            let history = try await actions.run("connector-history", ["connector": "wiki"])
            #expect(history["history"]?.arrayValue?.isEmpty == true)
        }
        try await withActions { actions, _ in
            _ = try await actions.run("create-connector", webConnector("wiki"))
            let started = try await actions.run("start-connector", ["connector": "wiki", "async": true, "wait": true])
            #expect(started["connector"] == "wiki")
            #expect(started["token"]?.stringValue?.isEmpty == false)
            #expect(started["job_id"]?.stringValue?.hasPrefix("w-eu_") == true)
        }
    }

    @Test func aDryRunPlansTheWaitingFormWithTheSynchronousPlaceholders() async throws {
        try await withActions { actions, sandbox in
            let input = webConnector("wiki").merging(["async": true, "wait": true])
            let planned = try await actions.run("create-connector", input, dryRun: true)
            #expect(planned["connector"] == "wiki")
            #expect(planned["job_id"] == "<dry-run:job_id>")
            #expect(planned["message"] == "<dry-run:message>")
            #expect(sandbox.jobCount() == 0)
        }
    }
}
