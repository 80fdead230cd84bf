import HavenClient
import HavenSandbox
import JSONValue
import Testing

@Suite(.timeLimit(.minutes(1))) struct HavenClientJobsTests {
    @Test func waitingForAFinishedJob() async throws {
        try await withSandbox(SandboxConfiguration(jobDelay: .seconds(3), seed: 4)) { client, _ in
            let job = try await client.submit(.createTextIndex("idx", flavor: "standard"))
            let early = try await client.jobStatus(job)
            #expect(early.status == .queued || early.status == .inProgress)
            #expect(early.actions.first?.result == nil)
            let envelope = try await client.waitForJob(job, interval: .milliseconds(20))
            #expect(envelope.status == .finished)
            #expect(envelope.result == ["index": "idx", "message": "index created"])
        }
    }

    @Test func waitingForAFailedJobThrowsItsError() async throws {
        try await withSandbox { client, _ in
            let job = try await client.submit(.connectorStatus("missing"))
            let error = await havenError { _ = try await client.waitForJob(job, interval: .milliseconds(10)) }
            #expect(error?.kind == .jobFailed)
            #expect(error?.code == 4005)
            #expect(error?.jobID == job)
            #expect(error?.api == "connectorstatus")
            #expect(error?.isNotFound == true)
            #expect(error?.description.hasPrefix("Haven job \(job) failed in connectorstatus: Invalid job action parameters (4005)") == true)
        }
    }

    @Test func waitingGivesUpAfterTheTimeout() async throws {
        try await withSandbox(SandboxConfiguration(jobDelay: .seconds(30), seed: 4)) { client, _ in
            let job = try await client.submit(.listResources())
            let error = await havenError {
                _ = try await client.waitForJob(job, interval: .milliseconds(10), timeout: .milliseconds(100))
            }
            #expect(error?.kind == .jobTimeout)
            #expect(error?.jobID == job)
        }
    }

    @Test func cancellingAWaitEndsIt() async throws {
        try await withSandbox(SandboxConfiguration(jobDelay: .seconds(120), seed: 4)) { client, _ in
            let job = try await client.submit(.listResources())
            let waiter = Task { await havenError { _ = try await client.waitForJob(job, timeout: nil) } }
            _ = try await client.jobStatus(job)
            waiter.cancel()
            let error = await waiter.value
            #expect(error?.kind == .cancelled)
        }
    }
}
