import FlowCore
import HavenActions
import JSONValue
import Testing

/// List inputs that map to a repeated API parameter take one value as a one-element list; the others keep
/// refusing a single value, where it would hide a mistake.
@Suite(.timeLimit(.minutes(1))) struct OneOrManyInputsTests {
    @Test func theRepeatedAPIParametersAreOneOrMany() {
        let registry = StandardActions.registry()
        let oneOrMany = registry.declarations.flatMap { declaration in
            declaration.inputs.filter(\.oneOrMany).map { "\(declaration.name).\($0.name)" }
        }
        #expect(oneOrMany.sorted() == ["connector-history.statuses", "list-resources.flavor", "list-resources.type"])
        #expect(registry.action(named: "wait-connector")?.declaration.input(named: "until")?.oneOrMany == false)
    }

    @Test func aSingleValueIsRefusedWhereItWouldHideAMistake() {
        let text = "steps:\n  - wait-connector: { connector: a, until: FINISHED }\n"
        let loaded = WorkflowLoader(registry: StandardActions.registry()).load(text: text, file: "flow.yaml")
        #expect(
            loaded.diagnostics.map(\.description) == [
                "flow.yaml:2:44: error: input 'until' of 'wait-connector' must be a list, found 'FINISHED'"
            ])
    }

    /// `list-resources: { type: connector }` loads, and the engine hands the action `[connector]`.
    @Test func aSingleValueRunsAsAOneElementList() async throws {
        try await withActions { actions, _ in
            _ = try await actions.run("create-index", ["index": "docs"])
            _ = try await actions.run(
                "create-connector",
                [
                    "connector": "wiki", "flavor": "web_cloud", "config": ["url": "http://x"],
                    "destination": ["action": "addtotextindex", "index": "docs"],
                ])
            let text = """
                steps:
                  - id: one
                    list-resources: { type: connector }
                  - id: literal
                    list-resources: { type: [connector], flavor: web_cloud }
                  - id: templated
                    list-resources: { type: "${{ 'connector' }}" }
                """
            let loaded = WorkflowLoader(registry: actions.registry).load(text: text, file: "flow.yaml")
            let workflow = try #require(loaded.workflow, "\(loaded.rendered)")
            #expect(loaded.diagnostics.isEmpty)
            let outcome = await Engine(registry: actions.registry).run(workflow, inputs: [:])
            #expect(outcome.status == .succeeded, "\(outcome.error?.message ?? "")")
            for key in ["one", "literal", "templated"] {
                let resources = outcome.step(key)?.outputs["private_resources"]?.arrayValue
                #expect(resources?.compactMap { $0["resource"]?.stringValue } == ["wiki"], "\(key)")
            }
        }
    }
}
