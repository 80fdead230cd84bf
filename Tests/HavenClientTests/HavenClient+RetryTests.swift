import HavenClient
import HavenSandbox
import JSONValue
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct HavenClientRetryTests {
    static let quickRetries = RetryPolicy(attempts: 12, delay: .milliseconds(1), maxDelay: .milliseconds(20))

    /// Requests the client logged, and of those the retried ones.
    static func counts(_ recorder: LogRecorder) -> (requests: Int, retries: Int) {
        (recorder.lines.filter { $0.contains("haven request") }.count,
         recorder.lines.filter { $0.contains("haven retry") }.count)
    }

    @Test(arguments: ["503=0.4", "429=0.4", "reset=0.4", "503=0.2,429=0.1,reset=0.1"])
    func idempotentCallsSurviveTransientFaults(faults: String) async throws {
        let recorder = LogRecorder()
        let sandbox = SandboxConfiguration(seed: 11, faults: try FaultPlan(parsing: faults))
        try await withSandbox(sandbox, client: .init(retry: Self.quickRetries), logger: recorder.logger) { client, _ in
            for _ in 0..<20 { _ = try await client.listResources() }
        }
        let (requests, retries) = Self.counts(recorder)
        #expect(retries > 0)
        #expect(requests == 20 + retries)
    }

    @Test func changesAreNotRetriedAfterAmbiguousFailures() async throws {
        let recorder = LogRecorder()
        let sandbox = SandboxConfiguration(seed: 1, faults: try FaultPlan(parsing: "503=1"))
        try await withSandbox(sandbox, client: .init(retry: Self.quickRetries), logger: recorder.logger) { client, _ in
            let error = await havenError { _ = try await client.createConnector(webConnector("once")) }
            #expect(error?.httpStatus == 503)
            #expect(error?.isTransient == true)
        }
        #expect(Self.counts(recorder) == (1, 0))
    }

    @Test func throttledChangesAreRetried() async throws {
        let recorder = LogRecorder()
        let sandbox = SandboxConfiguration(seed: 1, faults: try FaultPlan(parsing: "429=1"))
        let policy = RetryPolicy(attempts: 3, delay: .milliseconds(1), maxDelay: .milliseconds(5))
        try await withSandbox(sandbox, client: .init(retry: policy), logger: recorder.logger) { client, _ in
            let error = await havenError { _ = try await client.createConnector(webConnector("later")) }
            #expect(error?.code == 4030)
        }
        #expect(Self.counts(recorder) == (3, 2))
    }

    @Test func retriesStopAtMaxAttempts() async throws {
        let recorder = LogRecorder()
        let sandbox = SandboxConfiguration(seed: 1, faults: try FaultPlan(parsing: "reset=1"))
        let policy = RetryPolicy(attempts: 4, delay: .milliseconds(1), maxDelay: .milliseconds(5))
        try await withSandbox(sandbox, client: .init(retry: policy), logger: recorder.logger) { client, _ in
            let error = await havenError { _ = try await client.connectorStatus("x") }
            #expect(error?.kind == .connection)
        }
        #expect(Self.counts(recorder) == (4, 3))
    }

    @Test func slowAnswersTimeOut() async throws {
        let sandbox = SandboxConfiguration(seed: 1, faults: try FaultPlan(parsing: "latency=2s"))
        let configuration = HavenClient.Configuration(requestTimeout: .milliseconds(100), retry: .none)
        try await withSandbox(sandbox, client: configuration) { client, _ in
            let error = await havenError { _ = try await client.connectorStatus("x") }
            #expect(error?.kind == .timeout)
            #expect(error?.description == "Haven did not answer connectorstatus within 100 ms")
        }
    }

    @Test func theDeadlineBoundsAllAttempts() async throws {
        let sandbox = SandboxConfiguration(seed: 1, faults: try FaultPlan(parsing: "latency=2s"))
        let configuration = HavenClient.Configuration(
            requestTimeout: .seconds(10), deadline: .milliseconds(150), retry: Self.quickRetries)
        try await withSandbox(sandbox, client: configuration) { client, _ in
            let error = await havenError { _ = try await client.connectorStatus("x") }
            #expect(error?.kind == .timeout)
        }
    }

    /// Every caller's request goes through the client's one bucket: 16 calls from 4 tasks are 16
    /// requests, each answered.
    @Test func theRateLimitIsSharedByAllCallers() async throws {
        let recorder = LogRecorder()
        let configuration = HavenClient.Configuration(rateLimit: RateLimit(requestsPerSecond: 40))
        try await withSandbox(client: configuration, logger: recorder.logger) { client, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { for _ in 0..<4 { _ = try await client.listResources() } }
                }
                try await group.waitForAll()
            }
        }
        #expect(Self.counts(recorder) == (16, 0))
    }

    /// 40 calls from 8 tasks against a limit of 20 per second (a bucket of 20). The sandbox's time stands
    /// still until its bucket has run dry and it has answered 429 (4030); from then on the test moves it a
    /// second at a time, refilling the bucket, until the client's retries have carried every call through.
    @Test func theClientRetriesTheSandboxRateLimit() async throws {
        let recorder = LogRecorder()
        let time = SandboxTime()
        let sandbox = SandboxConfiguration(seed: 1, rateLimit: 20, now: { time.now })
        let policy = RetryPolicy(attempts: 1000, delay: .milliseconds(1), maxDelay: .milliseconds(20))
        let succeeded = try await withSandbox(sandbox, client: .init(retry: policy), logger: recorder.logger) {
            client, _ in
            let calls = Task {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<8 {
                        group.addTask {
                            for _ in 0..<5 { _ = try await client.listResources() }
                            return 5
                        }
                    }
                    return try await group.reduce(0, +)
                }
            }
            let deadline = ContinuousClock.now + .seconds(30)
            while recorder.lines.filter({ $0.contains("status=200") }).count < 40 {
                guard ContinuousClock.now < deadline else {
                    calls.cancel()
                    throw NotObserved("40 answered calls within 30 s: \(Self.counts(recorder))")
                }
                if recorder.lines.contains(where: { $0.contains("status=429") }) { time.advance(by: 1) }
                try await Task.sleep(for: .milliseconds(10))
            }
            return try await calls.value
        }
        let requests = recorder.lines.filter { $0.contains("haven request") }
        let throttled = requests.filter { $0.contains("status=429") }
        let retries = recorder.lines.filter { $0.contains("haven retry") }
        #expect(succeeded == 40)
        #expect(requests.filter { $0.contains("status=200") }.count == 40)
        #expect(throttled.count >= 1)
        #expect(throttled.count == retries.count)
        #expect(requests.count == 40 + retries.count)
        #expect(retries.allSatisfy { $0.contains("Too many requests (4030): request rate limit reached") })
    }
}

/// The sandbox's time (`SandboxConfiguration.now`), moved only by the test.
final class SandboxTime: Sendable {
    private let seconds = Mutex(1_800_000_000.0)
    var now: Double { seconds.withLock { $0 } }
    func advance(by step: Double) { seconds.withLock { $0 += step } }
}

/// Something a test waited for in vain, as a sentence.
struct NotObserved: Error, CustomStringConvertible {
    var description: String
    init(_ what: String) { description = "did not observe \(what)" }
}
