import FlowCore
import Foundation
import HavenActions
import HavenSandbox
import JSONValue
import Testing

/// Issue 16, part 1: on resume, an element (or plain step) an earlier process started and never finished
/// runs as a retry after a lost answer (`ActionContext.recovering`); one that never started runs as a first
/// attempt. The earlier process is played by the sandbox's state: what it applied before it "died".
@Suite(.timeLimit(.minutes(1))) struct ResumeAfterCrashTests {
    /// Runs `text` resumed with `resume` against a sandbox prepared by `setup`; returns the outcome and
    /// the audit lines written after `setup`. Connector runs last a minute: a run started by `setup` is
    /// still under way when the workflow runs, however slow the machine.
    func resumed(
        _ text: String, _ resume: ResumeState, setup: (ActionRunner) async throws -> Void = { _ in }
    ) async throws -> SandboxRun {
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: audit) }
        let configuration = SandboxConfiguration(
            jobDelay: .milliseconds(1), runDuration: .seconds(60), seed: 3, auditFile: audit.path)
        return try await withActions(configuration) { actions, sandbox in
            try await setup(actions)
            let before = (try? String(contentsOf: audit, encoding: .utf8))?.split(separator: "\n").count ?? 0
            let loaded = WorkflowLoader(registry: actions.registry).load(text: text, file: "test.yaml")
            let workflow = try #require(loaded.workflow, "\(loaded.rendered)")
            let outcome = await Engine(registry: actions.registry).run(workflow, inputs: [:], resume: resume)
            let text = (try? String(contentsOf: audit, encoding: .utf8)) ?? ""
            let lines = try text.split(separator: "\n").dropFirst(before).map { try JSON(parsing: String($0)) }
            return SandboxRun(outcome: outcome, audit: lines, connectors: sandbox.connectorNames())
        }
    }

    static let earlier = Date(timeIntervalSinceNow: -5)

    static func each(_ names: [String], _ action: String, _ inputs: String) -> String {
        """
        name: recover
        steps:
          - id: each
            for_each: [\(names.joined(separator: ", "))]
            concurrency: 1
            \(action): \(inputs)

        """
    }

    /// A workflow of one plain step.
    static func plain(_ id: String, _ call: String) -> String {
        "name: recover\nsteps:\n  - id: \(id)\n    \(call)\n"
    }

    @Test func aStartedDeleteWhoseConnectorIsGoneCountsAsDeletedAndANeverStartedOneStillFails() async throws {
        let run = try await resumed(
            Self.each(["a", "b", "c"], "delete-connector", #"{ connector: "${{ item }}" }"#),
            ResumeState(startedElements: ["each": [0: Self.earlier]]),
            setup: { actions in _ = try await actions.run("create-connector", webConnector("b")) })
        let elements = try #require(run.outcome.step("each")?.elements)
        #expect(elements.map(\.status) == [.succeeded, .succeeded, .failed])
        #expect(elements[0].outputs == ["connector": "a", "deleted": true])
        #expect(elements[1].outputs == ["connector": "b", "deleted": true])
        #expect(elements[2].error?.message.contains("does not exist") == true, "\(String(describing: elements[2].error))")
        #expect(run.audited("deleted") == ["b"])
    }

    @Test func aStartedPlainStepIsRecoveredToo() async throws {
        let run = try await resumed(
            Self.plain("gone", "delete-connector: { connector: a }"), ResumeState(startedSteps: ["gone": Self.earlier]))
        #expect(run.outcome.status == .succeeded)
        #expect(run.outcome.step("gone")?.outputs == ["connector": "a", "deleted": true])
        #expect(run.audit.isEmpty)
    }

    @Test func aStartedCreateOfTheSameConnectorCountsAsCreatedAndADifferentOneFails() async throws {
        let inputs = #"""
            { connector: "${{ item }}", flavor: web_cloud, config: { url: "http://example.com" }, destination: { action: addtotextindex, index: docs } }
            """#
        let run = try await resumed(
            Self.each(["same", "other", "fresh", "taken"], "create-connector", inputs),
            ResumeState(startedElements: ["each": [0: Self.earlier, 1: Self.earlier]]),
            setup: { actions in
                _ = try await actions.run("create-connector", webConnector("same"))
                _ = try await actions.run("create-connector", webConnector("other", url: "http://other.example"))
                _ = try await actions.run("create-connector", webConnector("taken"))
            })
        let elements = try #require(run.outcome.step("each")?.elements)
        #expect(elements.map(\.status) == [.succeeded, .failed, .succeeded, .failed])
        #expect(
            elements[0].outputs
                == ["connector": "same", "message": "connector created (confirmed after an earlier attempt's answer was lost)"])
        #expect(
            elements[1].error?.message
                == "connector 'other' already exists but its config differs from what this step asks, so an "
                + "earlier attempt did not create it; delete it or choose another name")
        #expect(elements[3].error?.message.contains("already exists") == true)
        #expect(run.audited("created") == ["fresh"])
    }

    @Test func aStartedIndexCreateOfTheSameFlavorCountsAsCreated() async throws {
        let run = try await resumed(
            Self.plain("index", "create-index: { index: docs }"), ResumeState(startedSteps: ["index": Self.earlier]),
            setup: { actions in _ = try await actions.run("create-index", ["index": "docs"]) })
        #expect(run.outcome.status == .succeeded)
        #expect(run.outcome.step("index")?.outputs["index"] == "docs")
        #expect(run.audit.isEmpty)
    }

    @Test func aStartedStartWhoseRunWasQueuedAfterItsRecordIsClaimedAndOneWithNoRunStarts() async throws {
        let run = try await resumed(
            Self.each(["ours", "idle"], "start-connector", #"{ connector: "${{ item }}" }"#),
            ResumeState(startedElements: ["each": [0: Self.earlier, 1: Date(timeIntervalSinceNow: 60)]]),
            setup: { actions in
                _ = try await actions.run("create-connector", webConnector("ours"))
                _ = try await actions.run("create-connector", webConnector("idle"))
                _ = try await actions.run("start-connector", ["connector": "ours"])
            })
        let elements = try #require(run.outcome.step("each")?.elements)
        #expect(elements.map(\.status) == [.succeeded, .succeeded], "\(elements.map(\.error))")
        #expect(elements[0].outputs["already_started"] == true)
        #expect(elements[1].outputs["already_started"] == nil)
        #expect(run.audited("started") == ["idle"])
    }

    @Test func aNeverStartedStartOfARunningConnectorStillFails() async throws {
        let run = try await resumed(
            Self.each(["busy"], "start-connector", #"{ connector: "${{ item }}" }"#), ResumeState(),
            setup: { actions in
                _ = try await actions.run("create-connector", webConnector("busy"))
                _ = try await actions.run("start-connector", ["connector": "busy"])
            })
        #expect(run.outcome.step("each")?.elements?.map(\.status) == [.failed])
        #expect(run.audited("started").isEmpty)
    }
}
