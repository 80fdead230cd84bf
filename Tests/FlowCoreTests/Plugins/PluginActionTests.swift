import FlowCore
import Foundation
import JSONValue
import Testing

@Suite("Plugin actions", .timeLimit(.minutes(1)))
struct PluginActionTests {
    /// Loads `yaml` beside `folder`'s plugins and runs it.
    func run(
        _ yaml: String, in folder: PluginFolder, environment: [String: String] = [:], options: EngineOptions = EngineOptions()
    ) async throws -> (RunOutcome, EventRecorder) {
        let registry = folder.registry(environment: environment)
        let result = try folder.load(yaml, registry: registry)
        let workflow = try #require(result.workflow, "\(result.diagnostics)")
        let recorder = EventRecorder()
        let outcome = await Engine(registry: registry, observers: [recorder], options: options)
            .run(workflow, inputs: [:])
        return (outcome, recorder)
    }

    @Test func inputsGoInAsJSONAndOutputsComeBack() async throws {
        let folder = try PluginFolder()
        try folder.plugin("echo", describe: echoDeclaration, body: #"read -r line; printf '{"input": %s}\n' "$line""#)
        let (outcome, _) = try await run("steps:\n  - id: e\n    echo: { text: hello, times: 2 }\n", in: folder)
        #expect(outcome.status == .succeeded)
        #expect(outcome.step("e")?.outputs == ["input": ["text": "hello", "times": 2]])
    }

    @Test func thePluginGetsAMinimalEnvironment() async throws {
        let folder = try PluginFolder()
        try folder.plugin("echo", describe: echoDeclaration, body: #"printf '{"input": {"names": "%s"}}' "$(env | cut -d= -f1 | sort | tr '\n' ' ')""#)
        let environment = ["HOME": "/home/op", "HAVEN_APIKEY": "k-123", "DB_PASSWORD": "pw", "LANG": "C.UTF-8"]
        let (outcome, _) = try await run("steps:\n  - id: e\n    echo: { text: x }\n", in: folder, environment: environment)
        let names = try #require(outcome.step("e")?.outputs["input"]?["names"]?.stringValue)
        let seen = Set(names.split(separator: " ").map(String.init)).subtracting(["PWD", "SHLVL", "_", "OLDPWD"])
        #expect(seen == ["HOME", "LANG", "PATH"])
    }

    @Test func aNonZeroExitFailsWithTheLastLinesOfStandardError() async throws {
        let folder = try PluginFolder()
        try folder.plugin("echo", describe: echoDeclaration, body: "for n in 1 2 3 4 5 6 7; do echo \"line $n\" >&2; done; exit 4")
        let (outcome, _) = try await run("steps:\n  - id: e\n    echo: { text: x }\n", in: folder)
        #expect(outcome.status == .failed)
        #expect(outcome.step("e")?.error?.message == "plugin 'echo' exited with status 4: line 3; line 4; line 5; line 6; line 7")
    }

    @Test(arguments: [
        ("echo 'not json'", "plugin 'echo' printed something that is not JSON on standard output (invalid JSON at byte 0: unexpected character): not json"),
        ("echo '[1]'", "plugin 'echo' printed a JSON list on standard output, not an object of outputs"),
        ("head -c 3000000 /dev/zero | tr '\\0' a", "plugin 'echo' printed more than 1024 KiB on standard output; it was stopped"),
    ])
    func badOutputFailsTheStepWithASentence(_ body: String, _ message: String) async throws {
        let folder = try PluginFolder()
        try folder.plugin("echo", describe: echoDeclaration, body: body)
        let (outcome, _) = try await run("steps:\n  - id: e\n    echo: { text: x }\n", in: folder)
        #expect(outcome.step("e")?.error?.message == message)
    }

    @Test func nothingOnStandardOutputMeansNoOutputs() async throws {
        let folder = try PluginFolder()
        try folder.plugin("echo", describe: echoDeclaration, body: "echo working >&2")
        let (outcome, recorder) = try await run("steps:\n  - id: e\n    echo: { text: x }\n", in: folder)
        #expect(outcome.step("e")?.outputs == [:])
        #expect(await recorder.lines("output").map { $0["message"] } == ["working"])
    }

    @Test func aTimeoutKillsTheWholeProcessGroup() async throws {
        let folder = try PluginFolder()
        let pidFile = folder.path("child.pid")
        try folder.plugin("echo", describe: echoDeclaration, body: "sleep 30 & echo $! > '\(pidFile)'; wait")
        // Long enough for the script to start its child and write its pid on a loaded machine.
        let (outcome, _) = try await run("steps:\n  - id: e\n    echo: { text: x }\n    timeout: 2s\n", in: folder)
        #expect(outcome.step("e")?.error?.message == "step 'e': the attempt timed out after 2s")
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        for _ in 0..<100 where !processIsGone(pid) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(processIsGone(pid))
    }

    @Test func aPluginThatForksAndExitsDoesNotHangTheStep() async throws {
        let folder = try PluginFolder()
        let pidFile = folder.path("child.pid")
        try folder.plugin("echo", describe: echoDeclaration, body: "sleep 30 & echo $! > '\(pidFile)'; echo '{\"done\": true}'")
        let (outcome, recorder) = try await run("steps:\n  - id: e\n    echo: { text: x }\n", in: folder)
        #expect(outcome.step("e")?.outputs == ["done": true])
        #expect(await recorder.lines("output").map { $0["message"] } == [
            "plugin 'echo' left a process running that held its output open; it was killed"
        ])
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        for _ in 0..<100 where !processIsGone(pid) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(processIsGone(pid))
    }

    @Test func secretsAreMaskedInOutputsStandardErrorAndFailures() async throws {
        let folder = try PluginFolder()
        try folder.plugin(
            "echo", describe: echoDeclaration,
            body: #"read -r line; echo "got $line" >&2; printf '{"input": %s}\n' "$line""#)
        let yaml = "steps:\n  - id: e\n    echo: { text: \"${{ secrets.token }}\" }\n"
        let (outcome, recorder) = try await run(yaml, in: folder, options: EngineOptions(secrets: ["token": "s3cr3t"]))
        #expect(outcome.step("e")?.outputs == ["input": ["text": "****"]])
        #expect(await recorder.lines("output").map { $0["message"] } == [#"got {"text":"****"}"#])
        #expect(!(await recorder.lines.map { $0.rendered() }.joined()).contains("s3cr3t"))
    }

    @Test func dryRunDoesNotRunAPluginThatChangesStateAndUsesPlaceholders() async throws {
        let folder = try PluginFolder()
        let marker = folder.path("ran")
        try folder.plugin(
            "ticket",
            describe: #"{"summary": "Opens.", "changes_state": true, "inputs": [{"name": "title", "type": "string"}], "outputs": [{"name": "ticket_id", "type": "string"}, {"name": "count", "type": "integer"}]}"#,
            body: "touch '\(marker)'; echo '{}'")
        let yaml = "steps:\n  - id: t\n    ticket: { title: disk }\n  - log: { message: \"${{ steps.t.outputs.ticket_id }}\" }\n"
        let (outcome, _) = try await run(yaml, in: folder, options: EngineOptions(dryRun: true))
        #expect(outcome.status == .succeeded)
        #expect(outcome.step("t")?.outputs == ["ticket_id": "<dry-run:ticket_id>", "count": 0])
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func stepsCallingAPluginAreValidatedLikeBuiltIns() throws {
        let folder = try PluginFolder()
        try folder.plugin("echo", describe: echoDeclaration, body: "cat")
        let yaml = """
            steps:
              - echo: { txt: hi, times: many }
            """
        let result = try folder.load(yaml, registry: folder.registry())
        #expect(result.workflow == nil)
        #expect(result.errors.map { "\($0.mark.line):\($0.mark.column): \($0.message)" } == [
            "2:13: unknown input 'txt' of 'echo'; did you mean 'text'?",
            "2:29: input 'times' of 'echo' must be an integer, found 'many'",
        ])
    }
}
