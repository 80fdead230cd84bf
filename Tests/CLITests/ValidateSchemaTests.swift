import Foundation
import Testing

/// `havenflow schema` (the real action registry) accepts every example in `workflows/`, checked with
/// Python's `jsonschema` (installed with pip when missing). `plugin-demo.yaml` uses actions from a plugin,
/// which only its own registry knows, so it is left out.
@Suite(.timeLimit(.minutes(1))) struct ValidateSchemaTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func schemaAcceptsTheExampleWorkflows() async throws {
        let schema = try await HavenflowProcess.run(["schema"])
        #expect(schema.status == 0)
        let workflows = Self.repository.appendingPathComponent("workflows")
        let files = try FileManager.default.contentsOfDirectory(atPath: workflows.path)
            .filter { $0.hasSuffix(".yaml") && $0 != "plugin-demo.yaml" }.sorted()
        #expect(!files.isEmpty)
        let folder = try HavenflowProcess.folder(with: ["schema.json": schema.stdout, "check.py": Self.script])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", folder.appendingPathComponent("check.py").path,
            folder.appendingPathComponent("schema.json").path] + files.map { workflows.appendingPathComponent($0).path }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output == files.map { "ok \($0)\n" }.joined())
    }

    static let script = #"""
        import json, os, re, subprocess, sys
        try:
            import jsonschema
        except ImportError:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", "jsonschema"], check=True)
            import jsonschema
        import yaml

        class Loader(yaml.SafeLoader):
            pass

        Loader.yaml_implicit_resolvers = {
            key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
            for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        Loader.add_implicit_resolver(
            "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
        validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
        for path in sys.argv[2:]:
            document = json.loads(json.dumps(yaml.load(open(path), Loader=Loader), default=str))
            errors = [error.message[:200] for error in validator.iter_errors(document)]
            print(("ok " if not errors else "invalid ") + os.path.basename(path) + ("" if not errors else ": " + "; ".join(errors)))
        """#
}
