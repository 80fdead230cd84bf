import Foundation
import HavenSandbox
import JSONValue
import Testing

/// `jobfail`: a share of job actions end failed with 5000 and change nothing; and faults aimed at the job
/// routes (`jobstatus`).
@Suite("Job faults")
struct JobFaultTests {
    @Test func jobFailuresParseApartFromRequestFaults() throws {
        let plan = try FaultPlan(parsing: "jobfail=0.2,createconnector:jobfail=0.5,503=0.9,jobstatus:503=0.1")
        #expect(
            plan.entries == [
                .init(.jobFailure, 0.2), .init(.jobFailure, 0.5, api: "createconnector"), .init(.status(503), 0.9),
                .init(.status(503), 0.1, api: "jobstatus"),
            ])
        #expect(plan.description == "jobfail=0.2,createconnector:jobfail=0.5,503=0.9,jobstatus:503=0.1")
    }

    @Test func jobFailureFractionsAddUpPerAPI() {
        #expect(throws: FaultPlanError.self) { try FaultPlan(parsing: "jobfail=0.7,createconnector:jobfail=0.5") }
        do { _ = try FaultPlan(parsing: "jobfail=0.7,createconnector:jobfail=0.5") } catch {
            #expect(error.description == "invalid fault spec: the jobfail fractions for createconnector add up to 1.2, more than 1")
        }
    }

    @Test func aJobPickedByJobfailEndsFailedAndChangesNothing() async throws {
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("jobfail-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: audit) }
        let configuration = SandboxConfiguration(
            jobDelay: .milliseconds(1), seed: 3, faults: try FaultPlan(parsing: "createconnector:jobfail=1"),
            auditFile: audit.path)
        try await SandboxClient.with(configuration) { client in
            let submitted = try await client.get(
                "createconnector",
                [
                    ("connector", "wiki"), ("flavor", "web_cloud"), ("config", #"{"url":"http://example.com"}"#),
                    ("destination", #"{"action":"addtotextindex","index":"idx"}"#),
                ], async: true)
            #expect(submitted.status == 200)
            let job = try #require(submitted.json["jobID"]?.stringValue)
            let envelope = try await finished(job, client)
            #expect(envelope.json["status"] == "failed")
            #expect(
                envelope.json["actions"]?[0]?["errors"]
                    == [["error": 5000, "reason": "Backend request failed", "detail": ["message": "injected job failure"]]])
            #expect(client.sandbox.connectorNames() == [])
            // Another API is not targeted: its job runs.
            let index = try await client.get("createtextindex", [("index", "docs"), ("flavor", "standard")], async: true)
            let other = try await finished(try #require(index.json["jobID"]?.stringValue), client)
            #expect(other.json["status"] == "finished")
            #expect(client.sandbox.indexNames() == ["docs"])
        }
        let lines = try String(contentsOf: audit, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#""resource":"docs""#) == true)
    }

    @Test func aFaultAimedAtJobStatusLeavesTheJobAlone() async throws {
        let configuration = SandboxConfiguration(
            jobDelay: .milliseconds(1), seed: 3, faults: try FaultPlan(parsing: "jobstatus:503=1"))
        try await SandboxClient.with(configuration) { client in
            let submitted = try await client.get("createtextindex", [("index", "docs"), ("flavor", "standard")], async: true)
            let job = try #require(submitted.json["jobID"]?.stringValue)
            let status = try await client.request("/1/job/status/\(job)?apikey=sandbox-key")
            #expect(status.status == 503)
            #expect(status.error == 5000)
            let result = try await client.request("/1/job/result/\(job)?apikey=sandbox-key")
            #expect(result.status == 200)
            #expect(result.json["status"] == "finished")
            #expect(client.sandbox.indexNames() == ["docs"])
        }
    }

    /// The job's envelope once it ended (`/1/job/result` waits for it).
    private func finished(_ job: String, _ client: SandboxClient) async throws -> Reply {
        try await client.request("/1/job/result/\(job)?apikey=sandbox-key")
    }
}
