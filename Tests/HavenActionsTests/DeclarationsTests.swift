import FlowCore
import HavenActions
import JSONValue
import Testing

struct DeclarationsTests {
    let registry = StandardActions.registry()

    @Test func everyActionOfTheSpecTableIsRegistered() {
        let names = Set(registry.declarations.map(\.name))
        let expected: Set = [
            "create-connector", "update-connector", "delete-connector", "start-connector", "stop-connector",
            "connector-status", "connector-history", "retrieve-config", "cancel-schedule", "list-resources",
            "create-index", "delete-index", "wait-job", "wait-connector", "haven", "notify",
        ]
        #expect(expected.isSubset(of: names))
        #expect(registry.canonicalName(for: "create") == "create-connector")
    }

    @Test(arguments: [
        ("create-connector", true), ("update-connector", true), ("delete-connector", true),
        ("start-connector", true), ("stop-connector", true), ("cancel-schedule", true), ("create-index", true),
        ("delete-index", true), ("haven", true), ("notify", true), ("connector-status", false),
        ("connector-history", false), ("retrieve-config", false), ("list-resources", false), ("wait-job", false),
        ("wait-connector", false),
    ])
    func changesState(name: String, changes: Bool) throws {
        let action = try #require(registry.action(named: name))
        #expect(action.declaration.changesState == changes)
        #expect(action is any DescribesRequest || !changes)
    }

    @Test func secretsAndRequiredInputs() throws {
        let create = try #require(registry.action(named: "create")).declaration
        #expect(create.inputs.filter(\.secret).map(\.name) == ["credentials"])
        #expect(create.inputs.filter(\.required).map(\.name) == ["connector", "flavor", "config", "destination"])
        let notify = try #require(registry.action(named: "notify")).declaration
        #expect(notify.inputs.filter(\.secret).map(\.name) == ["webhook"])
        #expect(notify.input(named: "level")?.allowed == ["info", "warning", "error"])
        let wait = try #require(registry.action(named: "wait-connector")).declaration
        #expect(wait.input(named: "until")?.defaultValue == ["FINISHED", "ERROR", "STOPPED"])
    }

    @Test func withoutAnEndpointHavenActionsFailWithASentence() async throws {
        let failure = try #require(
            await ActionRunner(connection: nil).failure("connector-status", ["connector": "wiki"]))
        #expect(
            failure.message
                == "no Haven endpoint configured: set haven.endpoint in the workflow, pass --endpoint or --sandbox, "
                + "or set HAVEN_ENDPOINT")
    }

    @Test(arguments: [
        (
            "create-connector",
            [
                "connector": "wiki", "flavor": "web_cloud", "config": ["url": "http://x"],
                "destination": ["index": "docs"], "credentials": ["password": "p"],
            ],
            "POST /1/api/sync/createconnector/v1 connector=wiki flavor=web_cloud config={\"url\":\"http://x\"} "
                + "destination={\"index\":\"docs\"} credentials=**** apikey=****"
        ),
        (
            "delete-connector", ["connector": "wiki"],
            "POST /1/api/sync/deleteconnector/v1 connector=wiki apikey=****, then again with confirm=<token>"
        ),
        (
            "start-connector", ["connector": "wiki", "async": true],
            "POST /1/api/async/startconnector/v1 connector=wiki apikey=****"
        ),
        (
            "haven", ["api": "addtotextindex", "params": ["index": "docs", "url": "http://x"]],
            "POST /1/api/sync/addtotextindex/v1 index=docs url=http://x apikey=****"
        ),
    ] as [(String, JSON, String)])
    func plans(name: String, input: JSON, plan: String) throws {
        let action = try #require(registry.action(named: name) as? any DescribesRequest)
        #expect(action.plan(input) == plan)
    }

    @Test func dryRunPrintsThePlanAndReturnsPlaceholders() async throws {
        let actions = ActionRunner(connection: nil)
        let output = try await actions.run("create", webConnector("wiki"), dryRun: true)
        #expect(
            output == ["connector": "wiki", "message": "<dry-run:message>", "download_link": [:], "existing": false])
        let asynchronous = try await actions.run("delete-index", ["index": "docs", "async": true], dryRun: true)
        #expect(asynchronous == ["job_id": "<dry-run:job_id>"])
        #expect(actions.printed.all.first?.hasPrefix("would POST /1/api/sync/createconnector/v1 connector=wiki ") == true)
    }
}
