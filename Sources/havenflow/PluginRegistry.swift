import FlowCore
import Foundation
import Synchronization

/// The executable plugins a command adds to its registry: those in `actions/` beside the workflow file
/// (the current directory's `actions/` when the command has no file) and in `HAVENFLOW_PLUGIN_PATH`.
/// Each problem with a plugin is printed once per process, as a warning.
enum PluginRegistry {
    private static let reported = Mutex<Set<String>>([])

    static func adding(to base: ActionRegistry, forWorkflowAt file: String?) -> ActionRegistry {
        let (registry, problems) = PluginDiscovery().registry(adding: base, forWorkflowAt: file)
        for problem in problems where reported.withLock({ $0.insert(problem.description).inserted }) {
            StandardError.write("warning: \(problem)")
        }
        return registry
    }
}
