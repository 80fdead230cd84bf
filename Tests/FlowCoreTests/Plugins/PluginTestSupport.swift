import FlowCore
import Foundation
import JSONValue

/// A temporary folder with a workflow file's place and an `actions/` directory to put plugins in.
final class PluginFolder: Sendable {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("havenflow-plugins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("actions"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Where a workflow file in this folder would be.
    var workflowFile: String { root.appendingPathComponent("flow.yaml").path }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Writes `actions/NAME`: a POSIX shell script that prints `describe` for `--describe` and otherwise
    /// runs `body`; executable unless told otherwise.
    @discardableResult
    func plugin(_ name: String, describe: String, body: String, executable: Bool = true, in folder: String = "actions")
        throws -> String
    {
        let script = """
            #!/bin/sh
            if [ "$1" = "--describe" ]; then
            cat <<'DECLARATION'
            \(describe)
            DECLARATION
            exit 0
            fi
            \(body)

            """
        try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        let path = root.appendingPathComponent(folder).appendingPathComponent(name).path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: path)
        return path
    }

    /// Writes `actions/NAME` with exactly `text`.
    @discardableResult
    func file(_ name: String, _ text: String, executable: Bool = true) throws -> String {
        let path = root.appendingPathComponent("actions").appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: path)
        return path
    }

    /// Discovery with a fresh cache and an environment of its own.
    func discovery(
        environment: [String: String] = [:], describeTimeout: Duration = .seconds(5),
        cache: PluginDeclarationCache = PluginDeclarationCache()
    ) -> PluginDiscovery {
        PluginDiscovery(
            environment: ["PATH": "/usr/local/bin:/usr/bin:/bin"].merging(environment) { $1 }, cache: cache,
            describeTimeout: describeTimeout)
    }

    /// Core actions plus the plugins found here.
    func registry(environment: [String: String] = [:]) -> ActionRegistry {
        discovery(environment: environment).registry(adding: ActionRegistry(CoreActions.all), forWorkflowAt: workflowFile)
            .registry
    }

    /// Loads `yaml` as this folder's workflow file with `registry`.
    func load(_ yaml: String, registry: ActionRegistry) throws -> LoadResult {
        try yaml.write(toFile: workflowFile, atomically: true, encoding: .utf8)
        return WorkflowLoader(registry: registry).load(file: workflowFile)
    }
}

/// A declaration in `--describe` form: `echo`, inputs `text` (string, required) and `token` (secret).
let echoDeclaration = """
    {"name": "echo", "summary": "Echoes its input.", "changes_state": false,
     "inputs": [{"name": "text", "type": "string", "required": true, "description": "What to echo."},
                {"name": "times", "type": "integer", "description": "How often."},
                {"name": "token", "type": "string", "secret": true, "description": "A secret."}],
     "outputs": [{"name": "input", "type": "object", "description": "The input as received."}]}
    """

/// Whether process `pid` is gone (or only a zombie nobody reaped yet).
func processIsGone(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
    guard let close = stat.lastIndex(of: ")") else { return true }
    return stat[stat.index(close, offsetBy: 2)] == "Z"
}
