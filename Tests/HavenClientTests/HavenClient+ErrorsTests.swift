import HavenClient
import HavenSandbox
import JSONValue
import Testing

@Suite(.timeLimit(.minutes(1))) struct HavenClientErrorsTests {
    /// Each Haven error the sandbox answers, as the client reports it.
    @Test func errorCodesMapToHavenErrors() async throws {
        let sandbox = SandboxConfiguration(jobDelay: .milliseconds(20), seed: 5, maxConnectors: 2)
        try await withSandbox(sandbox, client: .init(retry: .none)) { client, _ in
            _ = try await client.createConnector(webConnector("one"))

            var error = await havenError { _ = try await client.createConnector(webConnector("one")) }
            #expect(error?.code == 4005)
            #expect(error?.httpStatus == 400)
            #expect(error?.isAlreadyExists == true)
            #expect(error?.api == "createconnector")
            #expect(error?.description
                == "Haven rejected createconnector: Invalid job action parameters (4005): connector already exists (connector 'one')")

            error = await havenError { _ = try await client.connectorStatus("missing") }
            #expect(error?.code == 4005)
            #expect(error?.isNotFound == true)

            error = await havenError { _ = try await client.stopConnector("one") }
            #expect(error?.code == 4005)
            #expect(error?.detailMessage == "connector is not running")

            error = await havenError { _ = try await client.call(api: "nosuchapi") }
            #expect(error?.code == 4004)
            #expect(error?.httpStatus == 404)

            error = await havenError {
                _ = try await client.call(api: "createconnector", params: [
                    "connector": "bad_json", "flavor": "web_cloud", "config": "{not json", "destination": "{}",
                ])
            }
            #expect(error?.code == 4010)

            error = await havenError { _ = try await client.call(api: "createconnector", params: ["connector": "x"]) }
            #expect(error?.code == 4015)

            var unknownFlavor = webConnector("flavorless")
            unknownFlavor.flavor = "nope_cloud"
            error = await havenError { _ = try await client.createConnector(unknownFlavor) }
            #expect(error?.code == 4029)

            error = await havenError { _ = try await client.createConnector(webConnector("bad name!")) }
            #expect(error?.code == 8004)

            _ = try await client.createConnector(webConnector("two"))
            error = await havenError { _ = try await client.createConnector(webConnector("three")) }
            #expect(error?.code == 9003)
            #expect(error?.httpStatus == 403)

            error = await havenError { _ = try await client.perform(.deleteConnector("one", confirm: "bogus")) }
            #expect(error?.code == 5080)

            error = await havenError { _ = try await client.jobStatus("w-eu_nope") }
            #expect(error?.code == 3001)
            #expect(error?.isNotFound == true)
        }
    }

    @Test func apiKeyErrors() async throws {
        try await withSandbox(apiKey: "wrong-key") { client, _ in
            let error = await havenError { _ = try await client.listResources() }
            #expect(error?.code == 2002)
            #expect(error?.httpStatus == 401)
            #expect(error?.isTransient == false)
        }
        try await withSandbox(apiKey: "") { client, _ in
            let error = await havenError { _ = try await client.listResources() }
            #expect(error?.code == 2000 || error?.code == 2002)
        }
    }

    @Test func throttlingAndBackendFaults() async throws {
        let throttled = SandboxConfiguration(seed: 1, faults: try FaultPlan(parsing: "429=1"))
        try await withSandbox(throttled, client: .init(retry: .none)) { client, _ in
            let error = await havenError { _ = try await client.listResources() }
            #expect(error?.code == 4030)
            #expect(error?.httpStatus == 429)
            #expect(error?.isTransient == true)
        }
        let failing = SandboxConfiguration(seed: 1, faults: try FaultPlan(parsing: "500=1"))
        try await withSandbox(failing, client: .init(retry: .none)) { client, _ in
            let error = await havenError { _ = try await client.listResources() }
            #expect(error?.code == 5000)
            #expect(error?.httpStatus == 500)
            #expect(error?.isTransient == true)
        }
    }

    @Test func jobResultTimesOutServerSide() async throws {
        let slow = SandboxConfiguration(jobDelay: .seconds(30), resultTimeout: .milliseconds(100), seed: 2)
        try await withSandbox(slow, client: .init(retry: .none)) { client, _ in
            let job = try await client.submit(.listResources())
            let error = await havenError { _ = try await client.jobResult(job) }
            #expect(error?.code == 7000)
            #expect(error?.httpStatus == 504)
            #expect(error?.isTransient == true)
        }
    }

    /// A refused connection is `connection`, not `timeout`: the connect timeout is long, so a loaded machine
    /// that is slow to hand the refusal over cannot turn it into a timeout (seen with 200 ms under make test).
    @Test func connectionRefused() async throws {
        let sandbox = try await HavenSandbox.start(SandboxConfiguration())
        let endpoint = sandbox.endpoint
        await sandbox.stop()
        let client = HavenClient(
            endpoint: endpoint, apiKey: "k", configuration: .init(connectTimeout: .seconds(10), retry: .none))
        let error = await havenError { _ = try await client.connectorStatus("x") }
        try await client.shutdown()
        #expect(error?.kind == .connection)
        #expect(error?.isTransient == true)
        #expect(error?.description.hasPrefix("Could not reach Haven for connectorstatus") == true)
    }
}
