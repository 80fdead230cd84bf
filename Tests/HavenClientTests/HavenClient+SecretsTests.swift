import HavenClient
import HavenSandbox
import JSONValue
import Testing

/// The API key never shows in a log line, an error or a description, whatever happens.
@Suite(.timeLimit(.minutes(1))) struct HavenClientSecretsTests {
    static let key = "S3cr3t/Key+With=Chars"

    @Test func theKeyAppearsInNoLogLineAndNoError() async throws {
        let recorder = LogRecorder()
        var descriptions: [String] = []
        let sandbox = SandboxConfiguration(
            apiKeys: [Self.key], jobDelay: .milliseconds(10), seed: 9, faults: try FaultPlan(parsing: "503=0.2,reset=0.1"))
        let retries = RetryPolicy(attempts: 10, delay: .milliseconds(1), maxDelay: .milliseconds(5))
        try await withSandbox(sandbox, client: .init(retry: retries), apiKey: Self.key, logger: recorder.logger) {
            client, _ in
            for _ in 0..<10 { _ = try await client.listResources() }
            let job = try await client.run(.listResources(), interval: .milliseconds(5))
            descriptions.append("\(job.raw)")
            if let error = await havenError({ _ = try await client.connectorStatus("missing") }) {
                descriptions.append(error.description)
                descriptions.append(String(reflecting: error))
            }
            if let error = await havenError({ _ = try await client.jobStatus("nope") }) {
                descriptions.append(error.description)
            }
            descriptions.append(String(reflecting: client))
            var dumped = ""
            dump(client, to: &dumped)
            descriptions.append(dumped)
        }
        let wrongKey = await havenError {
            try await withSandbox(apiKey: Self.key, logger: recorder.logger) { client, _ in
                _ = try await client.listResources()
            }
        }
        descriptions.append(wrongKey.map { "\($0) \(String(reflecting: $0))" } ?? "")
        #expect(wrongKey?.code == 2002)

        let closed = HavenClient(
            endpoint: "http://127.0.0.1:1", apiKey: Self.key,
            configuration: .init(connectTimeout: .milliseconds(200), retry: .none), logger: recorder.logger)
        for error in [
            await havenError { _ = try await closed.jobStatus("j") },
            await havenError { _ = try await closed.listResources() },
        ] {
            descriptions.append(error.map { "\($0) \(String(reflecting: $0))" } ?? "")
        }
        try await closed.shutdown()

        let encoded = "S3cr3t%2FKey%2BWith%3DChars"
        #expect(recorder.lines.count > 20)
        for text in recorder.lines + descriptions {
            #expect(!text.contains(Self.key) && !text.contains(encoded) && !text.contains("S3cr3t"), "\(text)")
        }
    }
}
