import FlowCore
import Foundation
import JSONValue
import Testing

/// `workflows/plugin-demo.yaml` with its plugin `workflows/actions/ticket`, run in-process.
@Suite("Plugin demo workflow", .timeLimit(.minutes(1)))
struct PluginDemoTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let workflowFile = repository.appendingPathComponent("workflows/plugin-demo.yaml").path

    @Test func theDemoOpensATicketPerProblem() async throws {
        let folder = try PluginFolder()
        let (registry, problems) = PluginDiscovery(cache: PluginDeclarationCache())
            .registry(adding: ActionRegistry(CoreActions.all), forWorkflowAt: Self.workflowFile)
        #expect(problems == [])
        let loaded = WorkflowLoader(registry: registry).load(file: Self.workflowFile)
        let workflow = try #require(loaded.workflow, "\(loaded.diagnostics)")
        let tickets = folder.path("tickets.txt")
        let recorder = EventRecorder()
        let outcome = await Engine(registry: registry, observers: [recorder])
            .run(workflow, inputs: ["tickets_file": .string(tickets), "problems": ["disk almost full", "certificate expires"]])
        #expect(outcome.status == .succeeded)
        #expect(outcome.step("open")?.outputs == [["ticket_id": "T-1", "count": 1], ["ticket_id": "T-2", "count": 2]])
        #expect(try String(contentsOfFile: tickets, encoding: .utf8) == "T-1\thigh\tdisk almost full\nT-2\thigh\tcertificate expires\n")
        #expect(await recorder.lines("output").compactMap { $0["message"]?.stringValue } == [
            "opened T-1", "opened T-2", "opened T-1, T-2",
        ])
    }

    @Test func theDemoPlansWithoutOpeningTickets() async throws {
        let folder = try PluginFolder()
        let registry = PluginDiscovery(cache: PluginDeclarationCache())
            .registry(adding: ActionRegistry(CoreActions.all), forWorkflowAt: Self.workflowFile).registry
        let workflow = try #require(WorkflowLoader(registry: registry).load(file: Self.workflowFile).workflow)
        let tickets = folder.path("tickets.txt")
        let outcome = await Engine(registry: registry, options: EngineOptions(dryRun: true))
            .run(workflow, inputs: ["tickets_file": .string(tickets), "problems": ["disk almost full"]])
        #expect(outcome.status == .succeeded)
        #expect(outcome.step("open")?.outputs == [["ticket_id": "<dry-run:ticket_id>", "count": 0]])
        #expect(!FileManager.default.fileExists(atPath: tickets))
    }
}
