import FlowCore
import HavenClient
import JSONValue

/// A Haven action that takes part in the plan's model of its changes (`ModelsPlan`, docs/actions.md):
/// outside a plan it is the action itself; under one, a change is recorded in the run's `PlanModel` and
/// reported (never sent), and a read of a planned resource is answered from the model.
struct PlannedHavenAction: ModelsPlan, DescribesRequest {
    let inner: any Action
    let connection: HavenConnection?
    let model: PlanModel

    var declaration: ActionDeclaration { inner.declaration }

    func plan(_ input: JSON) -> String { (inner as? any DescribesRequest)?.plan(input) ?? declaration.name }

    func placeholderOutputs(for input: JSON) -> JSON {
        (inner as? any DescribesRequest)?.placeholderOutputs(for: input) ?? [:]
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        guard context.dryRun else { return try await inner.run(input, context: context) }
        let inputs = ActionInputs(input)
        if declaration.changesState {
            context.print(context.mask("dry run: " + plan(input)))
            let outputs = try await planChange(input, inputs, context)
            guard inputs.bool("async") else { return outputs }
            return ["job_id": .string(model.submit(api: declaration.name, result: outputs))]
        }
        if let answer = try answer(inputs) { return answer }
        let outputs = try await inner.run(input, context: context)
        guard declaration.name == "list-resources" else { return outputs }
        return model.applied(to: outputs, types: inputs.strings("type") ?? [], flavors: inputs.strings("flavor") ?? [])
    }

    /// Records the change in the model, reports it, and returns the outputs the call would give.
    private func planChange(_ input: JSON, _ inputs: ActionInputs, _ context: ActionContext) async throws -> JSON {
        var outputs = placeholderOutputs(for: input.objectValue.map { JSON.object($0.filter { $0.key != "async" }) } ?? input)
        let step = context.stepKey
        switch declaration.name {
        case "create-connector":
            let name = try inputs.string("connector")
            if let known = Self.known(name) {
                var configuration: [String: JSON] = [:]
                for key in ["config", "destination", "schedule", "credentials_policy", "description"] {
                    configuration[key] = inputs.json(key)
                }
                model.setConnector(
                    known,
                    PlanModel.Resource(
                        exists: true, flavor: inputs.optionalString("flavor"), configuration: .object(configuration),
                        created: true, step: step))
            }
            context.planned(PlannedChange(.create, "connector", Self.known(name)))
            outputs = ["connector": .string(name), "message": "connector created"]
        case "create-index":
            let name = try inputs.string("index")
            if let known = Self.known(name) {
                model.setIndex(
                    known,
                    PlanModel.Resource(
                        exists: true, flavor: inputs.optionalString("flavor") ?? "standard", created: true, step: step))
            }
            context.planned(PlannedChange(.create, "index", Self.known(name)))
            outputs = ["index": .string(name), "message": "index created"]
        case "delete-connector", "delete-index":
            let type = declaration.name == "delete-connector" ? "connector" : "index"
            let name = try inputs.string(type)
            if let known = Self.known(name), !(try await exists(type, known, context)) {
                guard inputs.bool("missing_ok") else {
                    throw ActionFailure(
                        "\(type) '\(known)' \(gone(type, known)), so deleting it would fail; add missing_ok: true if that is expected")
                }
                return [type: .string(name), "deleted": false]
            }
            if let known = Self.known(name) {
                let resource = PlanModel.Resource(exists: false, created: false, step: step)
                if type == "connector" { model.setConnector(known, resource) } else { model.setIndex(known, resource) }
            }
            context.planned(PlannedChange(.delete, type, Self.known(name)))
            outputs = [type: .string(name), "deleted": true]
        case "start-connector", "stop-connector", "update-connector", "cancel-schedule":
            let name = try inputs.string("connector")
            if let known = Self.known(name), let planned = model.connector(known), !planned.exists {
                throw ActionFailure("connector '\(known)' \(gone("connector", known)), so \(declaration.name) would fail")
            }
            let kinds: [String: PlannedChange.Kind] = [
                "start-connector": .start, "stop-connector": .stop, "update-connector": .update, "cancel-schedule": .update,
            ]
            if declaration.name == "start-connector", let known = Self.known(name) {
                var resource = model.connector(known) ?? PlanModel.Resource(exists: true, created: false, step: step)
                resource.started = true
                model.setConnector(known, resource)
            }
            context.planned(PlannedChange(kinds[declaration.name] ?? .update, "connector", Self.known(name)))
        default:
            // `haven`: any API, its effect unknown.
            context.planned(PlannedChange(.unknown, inputs.optionalString("api") ?? declaration.name, nil))
        }
        return outputs
    }

    /// A read of a resource the plan changed, answered from the model; `nil` to ask the server.
    private func answer(_ inputs: ActionInputs) throws -> JSON? {
        if declaration.name == "wait-job" {
            guard let id = inputs.optionalString("job"), let job = model.job(id) else { return nil }
            return [
                "job_id": .string(id), "status": "finished", "result": job.result,
                "actions": [["action": .string(job.api), "status": "finished", "result": job.result]],
            ]
        }
        guard ["retrieve-config", "connector-status", "connector-history", "wait-connector"].contains(declaration.name),
            let name = inputs.optionalString("connector"), let planned = model.connector(name)
        else { return nil }
        guard planned.exists else {
            throw ActionFailure("connector '\(name)' \(gone("connector", name)), so \(declaration.name) would fail")
        }
        switch declaration.name {
        case "retrieve-config" where planned.created:
            return ["name": .string(name), "flavor": planned.flavor.map(JSON.string) ?? .null, "config": planned.configuration ?? [:]]
        case "connector-history" where planned.created:
            return ["history": []]
        case "connector-status" where planned.started || planned.created:
            return ["connector": .string(name), "status": planned.started ? "FINISHED" : "IDLE"]
        case "wait-connector" where planned.started:
            return ["connector": .string(name), "status": "FINISHED", "document_counts": [:]]
        case "wait-connector" where planned.created:
            throw ActionFailure(
                "connector '\(name)' would never end a run: the plan creates it (step '\(planned.step)') but does not start it before this wait")
        default:
            return nil
        }
    }

    /// Whether the resource exists at this point of the plan: the model's word, else the server's.
    private func exists(_ type: String, _ name: String, _ context: ActionContext) async throws -> Bool {
        if let planned = type == "connector" ? model.connector(name) : model.index(name) { return planned.exists }
        let resources = try await reportingHavenErrors { try await connection.client(for: context).listResources() }
        return resources.privateResources.contains { $0.resource == name && ($0.type == "connector") == (type == "connector") }
    }

    /// `does not exist` or `would not exist by then: step 'retire' deletes it`.
    private func gone(_ type: String, _ name: String) -> String {
        let planned = type == "connector" ? model.connector(name) : model.index(name)
        guard let planned, !planned.exists else { return "does not exist" }
        return "would not exist by then: step '\(planned.step)' deletes it"
    }

    /// A name the plan can model: not a placeholder from a step the plan did not run.
    private static func known(_ name: String) -> String? { name.contains("<dry-run:") ? nil : name }
}

extension HavenPack {
    /// The pack's actions for one run, the Haven ones sharing one plan model (used only under a plan).
    public static func plannedActions(connection: HavenConnection?) -> [any Action] {
        let model = PlanModel()
        let haven = Set(havenActions(connection: nil).map(\.declaration.name))
        return actions(connection: connection).map { action in
            haven.contains(action.declaration.name) ? PlannedHavenAction(inner: action, connection: connection, model: model) : action
        }
    }
}
