import FlowCore
import Foundation
import Synchronization

/// The run lifecycle every front end shares — load, bind inputs and secrets, lock, record, connect the
/// packs, run the engine, map the outcome — for `run`, `plan`, `resume`, the history and the scheduler.
/// A value: build one with the packs a front end ships and make one call per command.
public struct Runtime: Sendable {
    /// The action packs runs may use (the Haven pack in `havenflow`).
    public var packs: [any ActionPack]
    public var environment: [String: String]
    /// Notes, warnings and diagnostics for the operator, one message at a time (the CLI writes them to
    /// standard error).
    public var report: @Sendable (String) -> Void

    public init(
        packs: [any ActionPack], environment: [String: String] = ProcessInfo.processInfo.environment,
        report: @escaping @Sendable (String) -> Void
    ) {
        self.packs = packs
        self.environment = environment
        self.report = report
    }

    /// FlowCore's actions, the packs' (unconnected) and the executable plugins found for the workflow at
    /// `file` (`actions/` beside it, or the current directory's without a file, and
    /// `HAVENFLOW_PLUGIN_PATH`). Each problem with a plugin is reported once per process, as a warning.
    public func registry(forWorkflowAt file: String?) -> ActionRegistry {
        let base = ActionRegistry(packs: packs)
        let (registry, problems) = PluginDiscovery(environment: environment).registry(adding: base, forWorkflowAt: file)
        for problem in problems where Self.reportedProblems.withLock({ $0.insert(problem.description).inserted }) {
            report("warning: \(problem)")
        }
        return registry
    }

    private static let reportedProblems = Mutex<Set<String>>([])

    /// Loads and validates `file` against `registry` (by default the one `registry(forWorkflowAt:)` gives):
    /// its diagnostics (warnings too) are reported; an invalid file throws.
    public func load(file: String, registry: ActionRegistry? = nil) throws(RuntimeError) -> Workflow {
        let result = WorkflowLoader(registry: registry ?? self.registry(forWorkflowAt: file)).load(file: file)
        if !result.diagnostics.isEmpty { report(result.rendered) }
        guard let workflow = result.workflow else { throw RuntimeError.reportedInvalid(file) }
        return workflow
    }

    /// Loads and validates `file` without reporting anything: the workflow or the diagnostics.
    public func validate(file: String) -> LoadResult {
        WorkflowLoader(registry: registry(forWorkflowAt: file)).load(file: file)
    }
}

extension RuntimeError {
    /// A workflow file whose diagnostics were already reported.
    static func reportedInvalid(_ file: String) -> RuntimeError {
        var error = RuntimeError(.invalid, "\(file) is invalid")
        error.alreadyReported = true
        return error
    }
}

extension Runtime {
    /// This executable's path (`/proc/self/exe` where there is one), for starting more of itself.
    public static var currentExecutable: String {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        let path = CommandLine.arguments[0]
        if path.contains("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return Bundle.main.executablePath ?? path
    }
}
