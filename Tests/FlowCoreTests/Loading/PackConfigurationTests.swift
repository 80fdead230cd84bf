import FlowCore
import JSONValue
import Testing

/// A pack FlowCore has never heard of, declared here: its `s3:` block is validated, described by the
/// schema and searched for secrets exactly like any other claimed key.
struct StoragePack: ActionPack {
    var name: String { "S3" }
    var secretNames: [String] { ["S3_SECRET_KEY"] }
    var configuration: PackConfiguration? {
        PackConfiguration(
            key: "s3", description: "Where reports are stored.",
            fields: [
                .init("bucket", .text, description: "The bucket name."),
                .init(
                    "secret_key", .text,
                    literalWarning: "the secret key is written in the file; use ${{ secrets.S3_SECRET_KEY }} instead"),
                .init("timeout", .duration),
            ])
    }
    var actions: [any Action] { [] }

    func connect(_ request: PackConnectRequest) async throws(PackFailure) -> PackSession {
        PackSession(actions: [])
    }

    func startSharedSandbox(stateDirectory: String) async throws(PackFailure) -> PackSandbox? { nil }
}

@Suite struct PackConfigurationTests {
    let loader = WorkflowLoader(registry: ActionRegistry(packs: [StoragePack()]))

    func diagnostics(_ block: String) -> [String] {
        loader.load(text: block + "\nsteps:\n  - log: { message: hi }\n", file: "flow.yaml").diagnostics.map(\.description)
    }

    @Test func theRegistryHasTheCoreActionsAndThePackBlock() {
        let registry = ActionRegistry(packs: [StoragePack()])
        #expect(registry.configurations.map(\.key) == ["s3"])
        #expect(registry.action(named: "log") != nil)
        #expect(registry.merging(TestActions.registry).configurations.map(\.key) == ["s3", "haven"])
    }

    @Test func theBlockIsKeptWithItsTypedValues() throws {
        let result = loader.load(
            text: """
                s3:
                  bucket: reports-${{ env.STAGE }}
                  secret_key: ${{ secrets.S3_SECRET_KEY }}
                  timeout: 1m30s
                steps:
                  - log: { message: hi }
                """, file: "flow.yaml")
        #expect(result.diagnostics.map(\.description) == [])
        let block = try #require(result.workflow?.configuration["s3"])
        #expect(block.duration("timeout") == .seconds(90))
        #expect(try block.text("bucket")?.evaluate(in: EvaluationContext(env: ["STAGE": "prod"])) == "reports-prod")
        #expect(block.number("timeout") == nil)
    }

    @Test(arguments: [
        ("s3:\n  bukcet: docs", ["flow.yaml:2:3: error: unknown key 'bukcet'; did you mean 'bucket'?"]),
        ("s3:\n  bucket: [docs]", ["flow.yaml:2:11: error: 'bucket' must be a string, found a list"]),
        ("s3:\n  timeout: soon", [
            "flow.yaml:2:12: error: 'timeout' must be a duration such as 250ms, 30s, 5m or 1h30m, found 'soon'",
        ]),
        ("s3:\n  secret_key: abc123", [
            "flow.yaml:2:15: warning: the secret key is written in the file; use ${{ secrets.S3_SECRET_KEY }} instead",
        ]),
        ("s3: docs", ["flow.yaml:1:5: error: 's3' must be a mapping, found a string"]),
        ("s4:\n  bucket: docs", ["flow.yaml:1:1: error: unknown key 's4'; did you mean 's3'?"]),
    ])
    func theBlockIsCheckedWithExactDiagnostics(block: String, expected: [String]) {
        #expect(diagnostics(block) == expected)
    }

    @Test func aKeyNoPackClaimsIsUnknown() {
        let result = WorkflowLoader(registry: ActionRegistry(packs: [])).load(
            text: "s3:\n  bucket: docs\nsteps:\n  - log: { message: hi }\n", file: "flow.yaml")
        #expect(result.diagnostics.map(\.description) == ["flow.yaml:1:1: error: unknown key 's3'"])
    }

    @Test func theSchemaDescribesTheBlock() {
        let schema = WorkflowSchema.generate(registry: ActionRegistry(packs: [StoragePack()]))
        #expect(
            schema["properties"]?["s3"] == [
                "description": "Where reports are stored.", "type": "object", "additionalProperties": false,
                "properties": [
                    "bucket": ["type": "string", "description": "The bucket name."],
                    "secret_key": ["type": "string"],
                    "timeout": ["$ref": "#/$defs/duration"],
                ],
            ])
        #expect(WorkflowSchema.generate(registry: ActionRegistry(packs: []))["properties"]?["s3"] == nil)
    }

    @Test func secretsNamedInTheBlockAreFound() throws {
        let workflow = try #require(
            loader.load(
                text: """
                    s3:
                      bucket: ${{ secrets['S3_BUCKET'] }}
                      secret_key: ${{ secrets.S3_SECRET_KEY }}
                    steps:
                      - log: { message: "${{ secrets.GREETING }}" }
                    """, file: "flow.yaml"
            ).workflow)
        #expect(SecretReferences.names(in: workflow) == ["S3_BUCKET", "S3_SECRET_KEY", "GREETING"])
    }
}
