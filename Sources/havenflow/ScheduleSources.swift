import FlowCore
import Foundation

/// The workflow files `havenflow schedule` watches: every `*.yaml` and `*.yml` under its paths (a path
/// may be a file), loaded as `validate` loads them.
struct ScheduleSources {
    let paths: [String]

    /// What loading every file gave: the workflows with `on.schedule`, or the diagnostics to print.
    struct Loaded {
        var scheduled: [ScheduledWorkflow] = []
        var files = 0
        var diagnostics: [String] = []
        var valid = true
    }

    func load() -> Loaded {
        var loaded = Loaded()
        var owners: [String: String] = [:]
        for file in files(&loaded) {
            loaded.files += 1
            let registry = PluginRegistry.adding(to: ShippedPacks.registry, forWorkflowAt: file)
            let result = WorkflowLoader(registry: registry).load(file: file)
            if !result.diagnostics.isEmpty { loaded.diagnostics.append(result.rendered) }
            guard let workflow = result.workflow else {
                loaded.valid = false
                continue
            }
            guard let scheduled = ScheduledWorkflow(workflow) else { continue }
            // Fire records are kept by workflow name: two files with one name would share them.
            if let other = owners[workflow.name] {
                loaded.valid = false
                loaded.diagnostics.append(
                    "\(file): error: workflow name '\(workflow.name)' is also used by \(other); scheduled "
                        + "workflows need distinct names")
                continue
            }
            owners[workflow.name] = file
            loaded.scheduled.append(scheduled)
        }
        return loaded
    }

    private func files(_ loaded: inout Loaded) -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                loaded.valid = false
                loaded.diagnostics.append("\(path): error: no such file or folder")
                continue
            }
            guard isFolder.boolValue else {
                found.append(path)
                continue
            }
            let names = (manager.enumerator(atPath: path)?.allObjects as? [String]) ?? []
            let base = path.hasSuffix("/") ? path : path + "/"
            found += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { base + $0 }
        }
        return found
    }
}
