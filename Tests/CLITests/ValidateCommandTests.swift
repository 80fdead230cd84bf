import Foundation
import JSONValue
import Testing

@Suite(.timeLimit(.minutes(1))) struct ValidateCommandTests {
    static let files = [
        "good.yaml": "steps:\n  - log: { message: hello }\n",
        "bad.yaml": "version: 1\nstpes: []\nsteps:\n  - log: { mesage: hi }\n",
        "warned.yaml": "steps:\n  - log: { message: hi }\n    concurrency: 2\n",
    ]

    @Test func validFilePrintsValidAndExitsZero() async throws {
        let folder = try HavenflowProcess.folder(with: Self.files)
        let output = try await HavenflowProcess.run(["validate", "good.yaml"], in: folder)
        #expect(output.status == 0)
        #expect(output.stdout == "good.yaml: valid\n")
        #expect(output.stderr == "")
    }

    @Test func invalidFilePrintsEveryProblemWithCaretsAndExitsTwo() async throws {
        let folder = try HavenflowProcess.folder(with: Self.files)
        let output = try await HavenflowProcess.run(["validate", "good.yaml", "bad.yaml"], in: folder)
        #expect(output.status == 2)
        #expect(output.stdout == "good.yaml: valid\n")
        #expect(
            output.stderr == """
                bad.yaml:2:1: error: unknown key 'stpes'; did you mean 'steps'?
                  stpes: []
                  ^
                bad.yaml:4:12: error: unknown input 'mesage' of 'log'; did you mean 'message'?
                    - log: { mesage: hi }
                             ^

                """)
    }

    @Test func warningsAloneKeepTheFileValid() async throws {
        let folder = try HavenflowProcess.folder(with: Self.files)
        let output = try await HavenflowProcess.run(["validate", "warned.yaml"], in: folder)
        #expect(output.status == 0)
        #expect(output.stdout == "warned.yaml: valid\n")
        #expect(output.stderr.hasPrefix("warned.yaml:3:5: warning: 'concurrency' has no effect without 'for_each'\n"))
    }

    @Test func jsonReportOnStandardOutput() async throws {
        let folder = try HavenflowProcess.folder(with: Self.files)
        let output = try await HavenflowProcess.run(["validate", "--json", "good.yaml", "bad.yaml"], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr == "")
        let report = try JSON(parsing: output.stdout)
        #expect(report["valid"] == false)
        #expect(report["files"]?[0] == ["file": "good.yaml", "valid": true, "diagnostics": []])
        #expect(
            report["files"]?[1]?["diagnostics"]?[0] == [
                "file": "bad.yaml", "line": 2, "column": 1, "severity": "error",
                "message": "unknown key 'stpes'; did you mean 'steps'?",
            ])
    }

    @Test func missingFileIsInvalidNotAUsageError() async throws {
        let folder = try HavenflowProcess.folder(with: [:])
        let output = try await HavenflowProcess.run(["validate", "nothing.yaml"], in: folder)
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderr == "nothing.yaml:1:1: error: no such file\n")
    }

    @Test func noFileIsAUsageError() async throws {
        let output = try await HavenflowProcess.run(["validate"])
        #expect(output.status == 64)
        #expect(output.stderr == """
            Error: Give at least one workflow file to validate.
            Usage: havenflow validate [<file> ...] [--json]
              See 'havenflow validate --help' for more information.

            """)
    }

    @Test func schemaIsJSONSchemaWithTheRegisteredActions() async throws {
        let output = try await HavenflowProcess.run(["schema"])
        #expect(output.status == 0)
        let schema = try JSON(parsing: output.stdout)
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["$defs"]?["step"]?["properties"]?["log"] == ["$ref": "#/$defs/action.log"])
        #expect(schema["required"] == ["steps"])
    }
}
