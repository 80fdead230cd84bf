import FlowCore
import HavenClient
import JSONValue
import Synchronization

/// What a plan (`havenflow plan`) would have changed so far, for the Haven actions of one run: resources
/// it would create (with their planned flavor and config), start and delete, and the jobs it would submit.
/// Reads of a planned resource are answered from here (docs/actions.md, "Dry run"); reads of anything
/// else still go to the server.
final class PlanModel: Sendable {
    struct Resource: Sendable {
        var exists: Bool
        var flavor: String?
        var configuration: JSON?
        var started = false
        /// Whether the plan creates it (it is not on the server).
        var created: Bool
        /// The step that last changed it, for sentences.
        var step: String
    }

    private struct State {
        var connectors: [String: Resource] = [:]
        var indexes: [String: Resource] = [:]
        var jobs: [String: (api: String, result: JSON)] = [:]
    }

    private let state = Mutex(State())

    func connector(_ name: String) -> Resource? { state.withLock { $0.connectors[name] } }
    func index(_ name: String) -> Resource? { state.withLock { $0.indexes[name] } }

    func setConnector(_ name: String, _ resource: Resource) { state.withLock { $0.connectors[name] = resource } }
    func setIndex(_ name: String, _ resource: Resource) { state.withLock { $0.indexes[name] = resource } }

    /// A planned job's id (not a placeholder: `wait-job` reads it back from here) for a call of `api`.
    func submit(api: String, result: JSON) -> String {
        state.withLock { state in
            let id = "planned-job-\(state.jobs.count + 1)"
            state.jobs[id] = (api, result)
            return id
        }
    }

    func job(_ id: String) -> (api: String, result: JSON)? { state.withLock { $0.jobs[id] } }

    /// `list-resources`' answer with the plan applied: planned deletes gone, planned creates there.
    func applied(to answer: JSON, types: [String], flavors: [String]) -> JSON {
        let (connectors, indexes) = state.withLock { ($0.connectors, $0.indexes) }
        var items = (answer["private_resources"]?.arrayValue ?? []).filter { item in
            let name = item["resource"]?.stringValue ?? ""
            let planned = item["type"]?.stringValue == "connector" ? connectors[name] : indexes[name]
            return planned?.exists ?? true
        }
        func add(_ name: String, _ resource: Resource, type: String) {
            guard resource.exists, resource.created, types.isEmpty || types.contains(type) else { return }
            let flavor = resource.flavor ?? ""
            guard flavors.isEmpty || flavors.contains(flavor) else { return }
            items.append(["resource": .string(name), "type": .string(type), "flavor": .string(flavor)])
        }
        for name in indexes.keys.sorted() { add(name, indexes[name]!, type: "content") }
        for name in connectors.keys.sorted() { add(name, connectors[name]!, type: "connector") }
        var members = answer.objectValue ?? [:]
        members["private_resources"] = .array(items)
        return .object(members)
    }
}
