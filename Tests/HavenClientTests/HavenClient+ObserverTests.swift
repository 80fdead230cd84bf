import HavenClient
import HavenSandbox
import JSONValue
import Synchronization
import Testing

/// Every report an observer was given, in order.
final class RequestReports: Sendable {
    private let storage = Mutex<[HavenRequestReport]>([])

    var all: [String] { storage.withLock { $0.map(\.description) } }

    var observer: HavenRequestObserver { { report in self.storage.withLock { $0.append(report) } } }
}

/// `HavenClient.observed(by:)`: each HTTP request is reported with its API, its outcome and whether it
/// was the client's own retry — against a real sandbox, its faults injected.
@Suite("HavenClient: request reports", .timeLimit(.minutes(1)))
struct HavenClientObserverTests {
    static let policy = RetryPolicy(attempts: 3, delay: .milliseconds(1), maxDelay: .milliseconds(5))

    @Test func aJobIsItsSubmissionAndEachStatusPoll() async throws {
        let reports = RequestReports()
        let sandbox = SandboxConfiguration(jobDelay: .milliseconds(100), seed: 3)
        try await withSandbox(sandbox) { client, _ in
            let observed = client.observed(by: reports.observer)
            let job = try await observed.submit(.createConnector(webConnector("polled")))
            let envelope = try await observed.waitForJob(job, interval: .milliseconds(10))
            #expect(envelope.status == .finished)
            _ = try await client.connectorStatus("polled")  // the client it was made from reports nothing
        }
        let all = reports.all
        #expect(all.first == "createconnector ok")
        #expect(all.count >= 2)
        #expect(all.dropFirst().allSatisfy { $0 == "jobstatus ok" })
    }

    @Test func throttledRequestsAndTheirRetries() async throws {
        let reports = RequestReports()
        let sandbox = SandboxConfiguration(seed: 1, faults: try FaultPlan(parsing: "429=1"))
        try await withSandbox(sandbox, client: .init(retry: Self.policy)) { client, _ in
            let error = await havenError {
                _ = try await client.observed(by: reports.observer).createConnector(webConnector("later"))
            }
            #expect(error?.code == 4030)
        }
        #expect(reports.all == ["createconnector 4030", "createconnector 4030 (retry)", "createconnector 4030 (retry)"])
    }

    @Test func aRefusedChangeIsOneRequestAndAResetIsTransport() async throws {
        let reports = RequestReports()
        let sandbox = SandboxConfiguration(seed: 1, faults: try FaultPlan(parsing: "503=1"))
        try await withSandbox(sandbox, client: .init(retry: Self.policy)) { client, _ in
            _ = await havenError { _ = try await client.observed(by: reports.observer).createConnector(webConnector("once")) }
        }
        let reset = SandboxConfiguration(seed: 1, faults: try FaultPlan(parsing: "reset=1"))
        try await withSandbox(reset, client: .init(retry: Self.policy)) { client, _ in
            _ = await havenError { _ = try await client.observed(by: reports.observer).connectorStatus("x") }
        }
        #expect(reports.all == [
            "createconnector 5000",
            "connectorstatus transport", "connectorstatus transport (retry)", "connectorstatus transport (retry)",
        ])
    }

    @Test func aDeleteIsItsCallAndItsConfirmation() async throws {
        let reports = RequestReports()
        try await withSandbox { client, _ in
            _ = try await client.createConnector(webConnector("doomed"))
            let observed = client.observed(by: reports.observer)
            #expect(try await observed.deleteConnector("doomed").deleted)
            // Shutting the observed client down leaves the pool to the client it was made from.
            try await observed.shutdown()
            let error = await havenError { _ = try await client.connectorStatus("doomed") }
            #expect(error?.isNotFound == true)
        }
        #expect(reports.all == ["deleteconnector ok", "deleteconnector ok"])
    }
}
