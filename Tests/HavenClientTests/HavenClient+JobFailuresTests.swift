import HavenClient
import HavenSandbox
import JSONValue
import Testing

/// A job that ended failed and a request about a job that failed are different errors.
@Suite(.timeLimit(.minutes(1))) struct HavenClientJobFailuresTests {
    @Test func aFailedStatusPollIsAnErrorAboutTheRequest() async throws {
        let sandbox = SandboxConfiguration(
            jobDelay: .milliseconds(1), seed: 4, faults: try FaultPlan(parsing: "jobstatus:503=1"))
        try await withSandbox(sandbox, client: .init(retry: .none)) { client, _ in
            let job = try await client.submit(.createTextIndex("idx", flavor: "standard"))
            let error = try #require(await havenError { _ = try await client.waitForJob(job, interval: .milliseconds(5)) })
            #expect(error.kind == .haven)
            #expect(error.code == 5000)
            #expect(error.jobID == job)
            #expect(error.isTransient)
            #expect(!error.isTransientJobFailure)
            #expect(
                error.description
                    == "Asking Haven about job \(job) failed: Haven rejected job status: Backend request failed (5000): "
                    + "injected fault")
        }
    }

    @Test func aJobThatEndedFailedCarriesItsOwnError() async throws {
        let sandbox = SandboxConfiguration(
            jobDelay: .milliseconds(1), seed: 4, faults: try FaultPlan(parsing: "jobfail=1"))
        try await withSandbox(sandbox) { client, sandbox in
            let job = try await client.submit(.createTextIndex("idx", flavor: "standard"))
            let error = try #require(await havenError { _ = try await client.waitForJob(job, interval: .milliseconds(5)) })
            #expect(error.kind == .jobFailed)
            #expect(error.code == 5000)
            #expect(error.jobID == job)
            #expect(!error.isTransient)
            #expect(error.isTransientJobFailure)
            #expect(
                error.description
                    == "Haven job \(job) failed in createtextindex: Backend request failed (5000): injected job failure")
            #expect(sandbox.indexNames() == [])
        }
    }

    @Test(arguments: [
        (HavenError(kind: .jobFailed, code: 5000), false, true),
        (HavenError(kind: .jobFailed, code: 7000), false, true),
        (HavenError(kind: .jobFailed, code: 4005, detail: ["message": "connector already exists"]), false, false),
        (HavenError(kind: .haven, code: 5000, jobID: "w-eu_1"), true, false),
        (HavenError(kind: .http, httpStatus: 503, jobID: "w-eu_1"), true, false),
    ])
    func transientClassification(error: HavenError, transient: Bool, transientJobFailure: Bool) {
        #expect(error.isTransient == transient)
        #expect(error.isTransientJobFailure == transientJobFailure)
    }

    @Test func aJobsOwnErrorsAreStillReadForTheirMeaning() {
        let exists = HavenError(kind: .jobFailed, code: 4005, detail: ["message": "connector already exists"])
        let missing = HavenError(kind: .jobFailed, code: 4005, detail: ["message": "index does not exist"])
        #expect(exists.isAlreadyExists)
        #expect(missing.isNotFound)
    }

    @Test func aResultRequestThatTimesOutIsNotTheJobFailing() {
        let error = HavenError(
            kind: .haven, api: "job result", code: 7000, reason: "Request took too long", httpStatus: 504,
            jobID: "w-eu_2")
        #expect(error.isTransient)
        #expect(error.description == "Asking Haven about job w-eu_2 failed: Haven rejected job result: Request took too long (7000)")
    }
}
