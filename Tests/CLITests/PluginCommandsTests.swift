import Foundation
import JSONValue
import Testing

/// `validate`, `actions`, `schema` and `run` with the example plugin `workflows/actions/ticket`.
@Suite(.timeLimit(.minutes(1))) struct PluginCommandsTests {
    static let workflows = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("workflows")

    /// A folder with `flow.yaml` and a copy of the `ticket` plugin in `actions/`.
    static func folder(_ workflow: String) throws -> URL {
        let folder = try HavenflowProcess.folder(with: ["flow.yaml": workflow])
        let plugin = folder.appendingPathComponent("actions/ticket")
        try FileManager.default.createDirectory(at: plugin.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: workflows.appendingPathComponent("actions/ticket"), to: plugin)
        return folder
    }

    @Test func theDemoWorkflowIsValid() async throws {
        let output = try await HavenflowProcess.run(["validate", "plugin-demo.yaml"], in: Self.workflows)
        #expect(output.stderr == "")
        #expect(output.stdout == "plugin-demo.yaml: valid\n")
    }

    @Test func stepsCallingAPluginAreCheckedWithLineAndColumn() async throws {
        let folder = try Self.folder("steps:\n  - ticket: { titel: disk, file: t.txt, priority: urgent }\n")
        let output = try await HavenflowProcess.run(["validate", "flow.yaml"], in: folder)
        #expect(output.status == 2)
        #expect(
            output.stderr == """
                flow.yaml:2:15: error: unknown input 'titel' of 'ticket'; did you mean 'title'?
                    - ticket: { titel: disk, file: t.txt, priority: urgent }
                                ^
                flow.yaml:2:51: error: input 'priority' of 'ticket' must be one of low, normal, high, found 'urgent'
                    - ticket: { titel: disk, file: t.txt, priority: urgent }
                                                                    ^

                """)
    }

    @Test func actionsAndSchemaListThePlugin() async throws {
        let detail = try await HavenflowProcess.run(["actions", "ticket"], in: Self.workflows)
        #expect(detail.status == 0)
        #expect(detail.stdout == """
            ticket
            Open a ticket: append a line to a tickets file and output its id.

            Changes state: yes (not run under --dry-run)

            Inputs:
              title (string, required): What the ticket is about.
              priority (string, default "normal", one of low, normal, high): How urgent.
              file (string, required): The tickets file to append to.

            Outputs:
              ticket_id (string): The new ticket's id, e.g. T-3.
              count (integer): How many tickets the file holds now.

            """)
        let list = try await HavenflowProcess.run(["actions", "--json"], in: Self.workflows)
        let names = try JSON(parsing: list.stdout).arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.contains("ticket"))
        let schema = try await HavenflowProcess.run(["schema"], in: Self.workflows)
        #expect(schema.stdout.contains("\"ticket\""))
    }

    @Test func runOpensTickets() async throws {
        let folder = try Self.folder(try String(contentsOf: Self.workflows.appendingPathComponent("plugin-demo.yaml"), encoding: .utf8))
        let output = try await HavenflowProcess.run(
            ["run", "flow.yaml", "--input", "tickets_file=tickets.txt", "--state-dir", "state"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("tickets.txt"), encoding: .utf8)
            == "T-1\thigh\tdisk almost full\nT-2\thigh\tcertificate expires soon\n")
    }

    @Test func aBrokenPluginIsAWarning() async throws {
        let folder = try Self.folder("steps:\n  - log: { message: hi }\n")
        let broken = folder.appendingPathComponent("actions/broken")
        try "#!/bin/sh\necho nope\n".write(to: broken, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: broken.path)
        let output = try await HavenflowProcess.run(["validate", "flow.yaml"], in: folder)
        #expect(output.status == 0)
        #expect(output.stderr == "warning: plugin \(broken.path): --describe printed something that is not a JSON object: nope\n")
    }
}
