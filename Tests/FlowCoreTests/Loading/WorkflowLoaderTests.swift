import FlowCore
import FlowYAML
import Foundation
import JSONValue
import Testing

@Suite struct WorkflowLoaderTests {
    let loader = WorkflowLoader(registry: TestActions.registry)

    func load(_ text: String, file: String = "flow.yaml") throws -> Workflow {
        let result = loader.load(text: text, file: file)
        #expect(result.diagnostics.map(\.description) == [])
        return try #require(result.workflow)
    }

    @Test func fillsTheModel() throws {
        let workflow = try load(
            """
            name: sample
            description: Just a test.
            inputs:
              prefix: { type: string, default: "v2-" }
            vars:
              index: docs
            haven: { timeout: 10s, rate_limit: 2.5, max_connections: 3 }
            defaults:
              retry: { attempts: 3, delay: 2s }
              timeout: 1m
            on:
              schedule:
                - cron: "0 2 * * *"
                  timezone: Europe/Paris
            steps:
              - id: make
                create: { connector: a, flavor: web_cloud, config: {}, destination: {} }
              - delete-connector: { connector: a }
                retry: { attempts: 1 }
                timeout: 5s
              - for_each: [1, 2]
                as: n
                concurrency: 2
                fail_fast: true
                log: { message: "${{ n }}" }
            finally:
              - log: { message: bye }
            """)
        #expect(workflow.name == "sample")
        #expect(workflow.description == "Just a test.")
        #expect(workflow.inputs.map(\.name) == ["prefix"])
        #expect(workflow.inputs.first?.defaultValue == "v2-")
        #expect(workflow.vars.map(\.name) == ["index"])
        #expect(workflow.configuration["haven"]?.duration("timeout") == .seconds(10))
        #expect(workflow.configuration["haven"]?.number("rate_limit") == 2.5)
        #expect(workflow.configuration["haven"]?.integer("max_connections") == 3)
        #expect(workflow.triggers?.schedules.first?.timeZone == "Europe/Paris")
        #expect(workflow.steps.map(\.key) == ["make", "delete-connector#2", "log#3"])
        #expect(workflow.steps.map(\.action) == ["create-connector", "delete-connector", "log"])
        #expect(workflow.steps[0].retry == RetryPolicy(attempts: 3, delay: .seconds(2)))
        #expect(workflow.steps[0].timeout == .seconds(60))
        #expect(workflow.steps[1].retry == RetryPolicy(attempts: 1))
        #expect(workflow.steps[1].timeout == .seconds(5))
        #expect(workflow.steps[2].forEach?.alias == "n")
        #expect(workflow.steps[2].forEach?.concurrency == 2)
        #expect(workflow.steps[2].forEach?.failFast == true)
        #expect(workflow.steps[2].forEach?.items.literal == [1, 2])
        #expect(workflow.finally.map(\.key) == ["finally#1"])
        #expect(workflow.steps[0].inputs.map(\.name) == ["connector", "flavor", "config", "destination"])
    }

    @Test func nameDefaultsToTheFileName() throws {
        let workflow = try load("steps: [{ noop: }]", file: "workflows/nightly.clean.yaml")
        #expect(workflow.name == "nightly.clean")
        #expect(workflow.file == "workflows/nightly.clean.yaml")
    }

    @Test func retryShorthandAndDefaults() throws {
        let workflow = try load("steps:\n  - noop:\n    retry: 4\n  - noop:\n")
        #expect(workflow.steps[0].retry.attempts == 4)
        #expect(workflow.steps[1].retry == RetryPolicy())
        #expect(workflow.steps[1].timeout == nil)
    }

    @Test func missingFileIsOneDiagnostic() {
        let result = loader.load(file: "/nonexistent/flow.yaml")
        #expect(result.diagnostics.map(\.description) == ["/nonexistent/flow.yaml:1:1: error: no such file"])
        #expect(result.rendered == "/nonexistent/flow.yaml:1:1: error: no such file")
    }

    @Test func renderedDiagnosticsShowTheLineAndCaret() {
        let result = loader.load(text: "version: 2\nsteps: []\n", file: "x.yaml")
        #expect(
            result.rendered == """
                x.yaml:1:10: error: unsupported version 2; the only version is 1
                  version: 2
                           ^
                x.yaml:2:8: error: 'steps' must not be empty
                  steps: []
                         ^
                """)
    }

    @Test func loadsNodeTreesBuiltInCode() {
        func scalar(_ text: String, _ line: Int, _ column: Int) -> Node {
            Node(.scalar(Scalar(text: text, style: .plain, value: .string(text))), mark: Mark(line: line, column: column))
        }
        let step = Node(
            .mapping([Node.Pair(key: scalar("sleep", 2, 5), value: Node(.mapping([]), mark: Mark(line: 2, column: 12)))]),
            mark: Mark(line: 2, column: 5))
        let root = Node(
            .mapping([Node.Pair(key: scalar("steps", 1, 1), value: Node(.sequence([step]), mark: Mark(line: 2, column: 3)))]),
            mark: Mark(line: 1, column: 1))
        let result = loader.load(node: root, file: "tree.yaml")
        #expect(result.diagnostics.map(\.description) == ["tree.yaml:2:5: error: 'sleep' is missing required input 'duration'"])
    }

    @Test func collectsEveryProblemInOnePass() {
        let result = loader.load(
            text: "steps:\n  - log: {}\n  - sleep: { duration: x }\n  - crate: {}\n", file: "many.yaml")
        #expect(result.errors.count == 3)
    }
}
