import FlowCore
import Foundation
import JSONValue
import Testing

@Suite("Plugin discovery", .timeLimit(.minutes(1)))
struct PluginDiscoveryTests {
    @Test func anExecutableInActionsIsAnActionNamedAfterTheFile() throws {
        let folder = try PluginFolder()
        try folder.plugin("echo.sh", describe: echoDeclaration, body: "cat")
        try folder.file("README.md", "Not a plugin.", executable: false)
        let (actions, problems) = folder.discovery().discover(forWorkflowAt: folder.workflowFile)
        #expect(problems == [])
        #expect(actions.map(\.declaration.name) == ["echo"])
        #expect(actions.first?.path == folder.path("actions/echo.sh"))
        #expect(actions.first?.declaration.input(named: "token")?.secret == true)
    }

    @Test func pluginPathDirectoriesComeAfterActionsAndTheFirstOfANameWins() throws {
        let folder = try PluginFolder()
        try folder.plugin("echo", describe: echoDeclaration, body: "cat")
        let shadowed = try folder.plugin("echo", describe: echoDeclaration, body: "cat", in: "one")
        try folder.plugin("other", describe: #"{"summary": "Other.", "changes_state": true}"#, body: "", in: "two")
        let discovery = folder.discovery(environment: ["HAVENFLOW_PLUGIN_PATH": "\(folder.path("one")):\(folder.path("two"))"])
        #expect(discovery.directories(forWorkflowAt: folder.workflowFile) == [
            folder.path("actions"), folder.path("one"), folder.path("two"),
        ])
        let (actions, problems) = discovery.discover(forWorkflowAt: folder.workflowFile)
        #expect(actions.map(\.path) == [folder.path("actions/echo"), folder.path("two/other")])
        #expect(problems.map(\.description) == [
            "plugin \(shadowed): ignored: 'echo' is already the plugin \(folder.path("actions/echo"))"
        ])
    }

    @Test func aPluginDoesNotReplaceABuiltIn() throws {
        let folder = try PluginFolder()
        let path = try folder.plugin("log", describe: #"{"summary": "Mine.", "changes_state": false}"#, body: "")
        let (registry, problems) = folder.discovery()
            .registry(adding: ActionRegistry(CoreActions.all), forWorkflowAt: folder.workflowFile)
        #expect(problems == [PluginProblem(path: path, "ignored: the action name 'log' is taken")])
        #expect(registry.action(named: "log") is LogAction)
    }

    @Test func declarationsAreReadOncePerPathAndModificationTime() throws {
        let folder = try PluginFolder()
        let counter = folder.path("describes")
        try folder.file("count", """
            #!/bin/sh
            echo x >> '\(counter)'
            echo '{"summary": "Counts describes.", "changes_state": false}'
            """)
        let cache = PluginDeclarationCache()
        for _ in 0..<3 { _ = folder.discovery(cache: cache).discover(forWorkflowAt: folder.workflowFile) }
        #expect(try String(contentsOfFile: counter, encoding: .utf8) == "x\n")
        #expect(cache.count == 1)
    }

    @Test(arguments: [
        ("garbage", "echo 'this is not json'", "--describe printed something that is not a JSON object: this is not json"),
        ("list", "echo '[1, 2]'", "--describe printed something that is not a JSON object: [1, 2]"),
        ("silent", "true", "--describe printed nothing (it must print a JSON declaration)"),
        ("fails", "echo 'no describe here' >&2; exit 3", "--describe exited with status 3: no describe here"),
        ("slow", "sleep 30", "--describe did not finish within 300ms"),
        ("huge", "head -c 2000000 /dev/zero", "--describe printed more than 1024 KiB"),
        (
            "typo", #"echo '{"summary": "S.", "changes_state": false, "inputs": [{"name": "a", "type": "text"}]}'"#,
            "--describe printed an invalid declaration: inputs[0].type: 'text' is not a type (one of string, number, integer, boolean, list, object, duration, any)"
        ),
        (
            "renamed", #"echo '{"name": "other", "summary": "S.", "changes_state": false}'"#,
            "--describe names the action 'other', but its file name makes it 'renamed'"
        ),
        ("missing", "#!/no/such/interpreter", "could not be started: No such file or directory"),
    ])
    func aBadPluginIsAProblemNotAnAction(_ name: String, _ script: String, _ message: String) throws {
        let folder = try PluginFolder()
        let path = try folder.file(name, script.hasPrefix("#!") ? script + "\n" : "#!/bin/sh\n\(script)\n")
        // Only the slow one is meant to time out; the others get time enough on a loaded machine.
        let timeout: Duration = name == "slow" ? .milliseconds(300) : .seconds(30)
        let (actions, problems) = folder.discovery(describeTimeout: timeout).discover(forWorkflowAt: folder.workflowFile)
        #expect(actions.isEmpty)
        #expect(problems == [PluginProblem(path: path, message)])
    }

    @Test func aScriptThatIsNotExecutableIsReported() throws {
        let folder = try PluginFolder()
        let path = try folder.plugin("echo", describe: echoDeclaration, body: "cat", executable: false)
        let (actions, problems) = folder.discovery().discover(forWorkflowAt: folder.workflowFile)
        #expect(actions.isEmpty)
        #expect(problems == [PluginProblem(path: path, "a script that is not executable (chmod +x it)")])
    }

    @Test func aDescribeThatLeavesAChildBehindStillFinishes() throws {
        let folder = try PluginFolder()
        try folder.file("forks", """
            #!/bin/sh
            sleep 30 &
            echo '{"summary": "Forks.", "changes_state": false}'
            """)
        let (actions, problems) = folder.discovery().discover(forWorkflowAt: folder.workflowFile)
        #expect(problems == [])
        #expect(actions.map(\.declaration.summary) == ["Forks."])
    }
}
