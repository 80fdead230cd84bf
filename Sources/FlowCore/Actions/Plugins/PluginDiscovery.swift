import Foundation
import JSONValue

/// Finds executable plugins: every executable file in `actions/` beside the workflow file (in the
/// current directory when there is none), then in each directory of `HAVENFLOW_PLUGIN_PATH`
/// (colon-separated), is an action named after the file without its extension; the first of a name wins.
///
///     let (registry, problems) = PluginDiscovery().registry(adding: StandardActions.registry(), forWorkflowAt: file)
public struct PluginDiscovery: Sendable {
    /// HavenFlow's environment: where `HAVENFLOW_PLUGIN_PATH` comes from, and the few variables plugins get.
    public var environment: [String: String]
    public var cache: PluginDeclarationCache
    /// How long `--describe` may take.
    public var describeTimeout: Duration

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        cache: PluginDeclarationCache = .shared, describeTimeout: Duration = .seconds(5)
    ) {
        self.environment = environment
        self.cache = cache
        self.describeTimeout = describeTimeout
    }

    /// The plugin directories for the workflow at `file`, in the order they are searched.
    public func directories(forWorkflowAt file: String?) -> [String] {
        let beside = file.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let path = (environment["HAVENFLOW_PLUGIN_PATH"] ?? "").split(separator: ":").map(String.init)
        return [beside.appendingPathComponent("actions").path]
            + path.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }

    /// The plugins found for the workflow at `file`, and why the other candidates are not plugins.
    public func discover(forWorkflowAt file: String?) -> (actions: [PluginAction], problems: [PluginProblem]) {
        var actions: [PluginAction] = []
        var problems: [PluginProblem] = []
        var seen: [String: String] = [:]
        for directory in directories(forWorkflowAt: file) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for fileName in names.sorted() where !fileName.hasPrefix(".") {
                let path = (directory as NSString).appendingPathComponent(fileName)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
                else { continue }
                let name = (fileName as NSString).deletingPathExtension
                guard FileManager.default.isExecutableFile(atPath: path) else {
                    if FileManager.default.contents(atPath: path)?.starts(with: Array("#!".utf8)) == true {
                        problems.append(PluginProblem(path: path, "a script that is not executable (chmod +x it)"))
                    }
                    continue
                }
                if let first = seen[name] {
                    problems.append(PluginProblem(path: path, "ignored: '\(name)' is already the plugin \(first)"))
                    continue
                }
                seen[name] = path
                switch cache.declaration(at: path, name: name, describe: { describe(path, name: name) }) {
                case .success(let declaration):
                    actions.append(PluginAction(declaration: declaration, path: path, environment: pluginEnvironment))
                case .failure(let problem):
                    problems.append(problem)
                }
            }
        }
        return (actions, problems)
    }

    /// `base` plus the plugins; one whose name or an alias is already taken in `base` is left out.
    public func registry(adding base: ActionRegistry, forWorkflowAt file: String?)
        -> (registry: ActionRegistry, problems: [PluginProblem])
    {
        let found = discover(forWorkflowAt: file)
        var problems = found.problems
        var registry = base
        for action in found.actions {
            let names = [action.declaration.name] + action.declaration.aliases
            if let taken = names.first(where: { registry.canonicalName(for: $0) != nil }) {
                problems.append(PluginProblem(path: action.path, "ignored: the action name '\(taken)' is taken"))
                continue
            }
            registry.register(action)
        }
        return (registry, problems)
    }

    /// All a plugin sees of HavenFlow's environment: `PATH`, `HOME`, `LANG` and `TMPDIR`.
    public var pluginEnvironment: [String: String] {
        var minimal = ["PATH": environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"]
        for name in ["HOME", "LANG", "TMPDIR"] { minimal[name] = environment[name] }
        return minimal
    }

    /// Runs `PATH --describe` and reads its declaration.
    func describe(_ path: String, name: String) -> Swift.Result<ActionDeclaration, PluginProblem> {
        var process = PluginProcess(executable: path, arguments: ["--describe"], environment: pluginEnvironment)
        process.limits.deadline = describeTimeout
        let result = process.runBlocking()
        let errorText = String(decoding: result.stderr, as: UTF8.self).split(whereSeparator: \.isNewline)
            .suffix(3).joined(separator: "; ")
        let failure: String
        switch result.ending {
        case .exited(0):
            return declaration(from: result.stdout, name: name, path: path)
        case .exited(let status):
            failure = "--describe exited with status \(status)" + (errorText.isEmpty ? "" : ": \(errorText)")
        case .signalled(let signal):
            failure = "--describe was killed by signal \(signal)"
        case .couldNotStart(let reason):
            failure = "could not be started: \(reason)"
        case .timedOut, .cancelled:
            failure = "--describe did not finish within \(DurationText.describe(describeTimeout))"
        case .outputTooLarge:
            failure = "--describe printed more than \(process.limits.maxOutput / 1024) KiB"
        }
        return .failure(PluginProblem(path: path, failure))
    }

    private func declaration(from bytes: [UInt8], name: String, path: String)
        -> Swift.Result<ActionDeclaration, PluginProblem>
    {
        let text = String(decoding: bytes, as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) {
            return .failure(PluginProblem(path: path, "--describe printed nothing (it must print a JSON declaration)"))
        }
        guard var object = (try? JSON(parsing: text))?.objectValue else {
            return .failure(PluginProblem(path: path, "--describe printed something that is not a JSON object: \(PluginAction.excerpt(text))"))
        }
        if object["name"] == nil { object["name"] = .string(name) }
        let declaration: ActionDeclaration
        do {
            declaration = try ActionDeclaration(json: .object(object))
        } catch {
            return .failure(PluginProblem(path: path, "--describe printed an invalid declaration: \(error)"))
        }
        guard declaration.name == name else {
            return .failure(PluginProblem(path: path, "--describe names the action '\(declaration.name)', but its file name makes it '\(name)'"))
        }
        return .success(declaration)
    }
}
