import FlowCore
import HavenActions
import HavenClient
import HavenSandbox
import JSONValue
import Testing

/// A failed status poll is not a failed job: the step's `retry` asks again and the step succeeds; a job
/// that really failed fails at once, with the job's own sentence, whatever `retry` says.
@Suite(.timeLimit(.minutes(1))) struct PollFailureTests {
    static func workflow(create: String, wait: String) -> String {
        """
        version: 1
        name: polls
        steps:
          - id: create
            create-connector:
              connector: \(create)
              flavor: web_cloud
              config: { url: "http://example.com" }
              destination: { action: addtotextindex, index: docs }
              async: true
          - id: wait
            wait-\(wait)
            retry: { attempts: 60, delay: 1ms, jitter: false }
        """
    }

    @Test func aFailedJobStatusPollIsRetriedByTheStepAndTheStepSucceeds() async throws {
        let text = Self.workflow(create: "wiki", wait: #"job: { job: "${{ steps.create.outputs.job_id }}", interval: 5ms }"#)
        let run = try await runAgainstSandbox(text, faults: "jobstatus:503=0.8", clientRetries: false)
        #expect(run.outcome.status == .succeeded, "\(run.outcome.error?.message ?? "")")
        let wait = try #require(run.outcome.step("wait"))
        #expect(wait.attempts > 1)
        #expect(wait.outputs["status"] == "finished")
        #expect(run.audited("created") == ["wiki"])
    }

    @Test func aJobThatFailedFailsAtOnceWithItsOwnError() async throws {
        let text = Self.workflow(create: "wiki", wait: #"job: { job: "${{ steps.create.outputs.job_id }}", interval: 5ms }"#)
        let run = try await runAgainstSandbox(text, faults: "createconnector:jobfail=1")
        #expect(run.outcome.status == .failed)
        let wait = try #require(run.outcome.step("wait"))
        #expect(wait.attempts == 1)
        let job = try #require(run.outcome.step("create")?.outputs["job_id"]?.stringValue)
        #expect(
            wait.error?.message
                == "Haven job \(job) failed in createconnector: Backend request failed (5000): injected job failure")
        #expect(run.connectors == [])
    }

    @Test func aFailedPollOnlyAsksAgain() async throws {
        let sandbox = SandboxConfiguration(
            jobDelay: .milliseconds(1), seed: 2, faults: try FaultPlan(parsing: "jobstatus:503=1"))
        try await withActions(sandbox) { actions, _ in
            let created = try await actions.run("create-connector", webConnector("wiki").merging(["async": true]))
            let job = try #require(created["job_id"]?.stringValue)
            let failure = try #require(await actions.failure("wait-job", ["job": .string(job), "interval": "5ms"]))
            #expect(failure.transient)
            #expect(failure.code == "5000")
            #expect(
                failure.message
                    == "Asking Haven about job \(job) failed: Haven rejected job status: Backend request failed (5000): "
                    + "injected fault")
        }
    }

    @Test func aFailedConnectorStatusPollIsRetriedByTheStep() async throws {
        let text = """
            version: 1
            name: connector-polls
            steps:
              - create-connector:
                  connector: wiki
                  flavor: web_cloud
                  config: { url: "http://example.com" }
                  destination: { action: addtotextindex, index: docs }
              - start-connector: { connector: wiki }
                retry: { attempts: 30, delay: 1ms, jitter: false }
              - id: wait
                wait-connector: { connector: wiki, interval: 5ms, timeout: 20s }
                retry: { attempts: 30, delay: 1ms, jitter: false }
            """
        let run = try await runAgainstSandbox(text, faults: "connectorstatus:503=0.5", clientRetries: false)
        #expect(run.outcome.status == .succeeded, "\(run.outcome.error?.message ?? "")")
        let wait = try #require(run.outcome.step("wait"))
        #expect(wait.attempts > 1)
        #expect(wait.outputs["status"] == "FINISHED")
        #expect(run.audited("started") == ["wiki"])
    }
}

extension JSON {
    /// The object with `other`'s members added (replacing its own).
    func merging(_ other: JSON) -> JSON {
        .object((objectValue ?? [:]).merging(other.objectValue ?? [:]) { $1 })
    }
}
