import FlowCore
import Foundation
import HavenActions
import HavenSandbox
import JSONValue
import Testing

/// `HavenPack.connect`: where a run's Haven calls go, and the sentences when nothing says where.
@Suite(.timeLimit(.minutes(1))) struct HavenPackTests {
    static let indexing = "steps:\n  - create-index: { index: docs }\n"

    func workflow(_ text: String) throws -> Workflow {
        let result = WorkflowLoader(registry: ActionRegistry(packs: [HavenPack()])).load(text: text, file: "flow.yaml")
        #expect(result.diagnostics.map(\.description) == [])
        return try #require(result.workflow)
    }

    func connect(
        _ text: String, target: PackTarget = .configured, secrets: [String: String] = [:],
        environment: [String: String] = [:], stateDirectory: String = "/nonexistent"
    ) async throws -> Result<PackSession, PackFailure> {
        let request = PackConnectRequest(
            workflow: try workflow(text), target: target, secrets: secrets, environment: environment,
            stateDirectory: stateDirectory)
        do {
            return .success(try await HavenPack().connect(request))
        } catch {
            return .failure(error)
        }
    }

    /// Runs `name` among the session's actions as the engine would.
    func run(_ session: PackSession, _ name: String, _ input: JSON) async throws -> JSON {
        let action = try #require(ActionRegistry(session.actions).action(named: name))
        let context = ActionContext(
            runID: "run-1", workflowName: "flow", stepKey: name, attempt: 1, dryRun: false, mask: { $0 }, print: { _ in })
        return try await action.run(input, context: context)
    }

    @Test func thePackDeclaresItsKeySecretAndActions() {
        let pack = HavenPack()
        #expect(pack.name == "Haven")
        #expect(pack.secretNames == ["HAVEN_APIKEY"])
        #expect(pack.configuration?.key == "haven")
        #expect(pack.configuration?.fields.map(\.name) == ["endpoint", "apikey", "timeout", "rate_limit", "max_connections"])
        #expect(pack.actions.map(\.declaration.name).contains("notify"))
        #expect(StandardActions.registry().declarations.map(\.name) == ActionRegistry(packs: [pack]).declarations.map(\.name))
        #expect(StandardActions.registry().configurations.map(\.key) == ["haven"])
    }

    @Test func theSandboxTargetStartsAnEmbeddedSandboxInTheStateDirectory() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("havenpack-\(UUID())").path
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let session = try await connect(Self.indexing, target: .sandbox, stateDirectory: state).get()
        let created = try await run(session, "create-index", ["index": "docs"])
        await session.close()
        #expect(created["index"] == "docs")
        #expect(session.maskedValues == [])
        #expect(FileManager.default.fileExists(atPath: "\(state)/sandbox.sqlite"))
    }

    @Test func anEndpointWithTheSecretsFileKeyIsUsedAndTheKeyMasked() async throws {
        let sandbox = try await HavenSandbox.start()
        let session = try await connect(
            Self.indexing, target: .endpoint(sandbox.endpoint), secrets: ["HAVEN_APIKEY": sandbox.apiKey]
        ).get()
        let created = try await run(session, "create-index", ["index": "docs"])
        await session.close()
        let indexes = sandbox.indexNames()
        await sandbox.stop()
        #expect(created["index"] == "docs")
        #expect(indexes == ["docs"])
        #expect(session.maskedValues == [sandbox.apiKey])
    }

    @Test func theWorkflowsBlockIsEvaluatedOverTheEnvironmentAndSecrets() async throws {
        let sandbox = try await HavenSandbox.start()
        let session = try await connect(
            "haven: { endpoint: '${{ env.URL }}', apikey: '${{ secrets.KEY }}' }\n" + Self.indexing,
            secrets: ["KEY": sandbox.apiKey], environment: ["URL": sandbox.endpoint, "HAVEN_ENDPOINT": "http://127.0.0.1:9"]
        ).get()
        _ = try await run(session, "create-index", ["index": "docs"])
        await session.close()
        let indexes = sandbox.indexNames()
        await sandbox.stop()
        #expect(indexes == ["docs"])
        #expect(session.maskedValues == [sandbox.apiKey])
    }

    @Test func aHavenStepWithoutAnEndpointIsAConfigurationFailure() async throws {
        let result = try await connect(Self.indexing, environment: ["HAVEN_ENDPOINT": ""])
        #expect(throws: PackFailure.self) { try result.get() }
        guard case .failure(let failure) = result else { return }
        #expect(failure.kind == .configuration)
        #expect(
            failure.message
                == "no Haven endpoint is configured; give --endpoint URL (or --sandbox), set haven.endpoint in the "
                + "workflow, or set HAVEN_ENDPOINT (with HAVEN_APIKEY)")
    }

    @Test func anEndpointWithoutAKeyIsAConfigurationFailure() async throws {
        let result = try await connect(Self.indexing, environment: ["HAVEN_ENDPOINT": "http://127.0.0.1:9"])
        guard case .failure(let failure) = result else {
            Issue.record("connected without an API key")
            return
        }
        #expect(failure.kind == .configuration)
        #expect(
            failure.message
                == "no Haven apikey is configured for http://127.0.0.1:9; set haven.apikey in the workflow, "
                + "HAVEN_APIKEY in the --secrets-file, or HAVEN_APIKEY in the environment")
    }

    @Test func aWorkflowOfLogAndNotifyStepsNeedsNoEndpoint() async throws {
        let session = try await connect(
            "steps:\n  - log: { message: hi }\n  - notify: { message: hi, stdout: true }\n",
            environment: ["HAVEN_APIKEY": "k-1"]
        ).get()
        #expect(session.maskedValues == ["k-1"])
        #expect(session.actions.map(\.declaration.name) == HavenPack().actions.map(\.declaration.name))
        await session.close()
    }

    @Test func aSandboxThatCannotStartIsUnavailable() async throws {
        let result = try await connect(Self.indexing, target: .sandbox, stateDirectory: "/nonexistent/state")
        guard case .failure(let failure) = result else {
            Issue.record("started a sandbox in a missing folder")
            return
        }
        #expect(failure.kind == .unavailable)
        #expect(failure.message.hasPrefix("cannot start the embedded sandbox: "))
    }

    @Test func theSharedSandboxGivesTheEndpointAndKeyForEachRun() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("havenpack-\(UUID())").path
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let shared = try #require(try await HavenPack().startSharedSandbox(stateDirectory: state))
        let session = try await connect(
            Self.indexing, target: .endpoint(shared.endpoint), environment: shared.environment
        ).get()
        let created = try await run(session, "create-index", ["index": "docs"])
        await session.close()
        await shared.stop()
        #expect(created["index"] == "docs")
        #expect(Array(shared.environment.keys) == ["HAVEN_APIKEY"])
        #expect(FileManager.default.fileExists(atPath: "\(state)/sandbox.sqlite"))
    }
}
