import FlowCore
import HavenClient
import JSONValue

/// `create-index` and `list-resources` (`delete-index` is a `DeleteAction`).
enum IndexActions {
    static func listResources(_ connection: HavenConnection?) -> HavenCallAction {
        let declaration = ActionDeclaration(
            name: "list-resources", summary: "The account's connectors, indexes and other resources",
            inputs: [
                InputSpec("type", .list, description: "Only these types: connector, content, …", oneOrMany: true),
                InputSpec("flavor", .list, description: "Only these flavors", oneOrMany: true),
                HavenInput.async,
            ],
            outputs: [
                OutputSpec(
                    "private_resources", .list, description: "[{resource, type, flavor, description, date_created}]"),
                OutputSpec("public_resources", .list, description: "Public resources"),
            ],
            changesState: false)
        return HavenCallAction(declaration, connection: connection) { inputs in
            HavenCall<ResourceList>.listResources(types: inputs.strings("type") ?? [], flavors: inputs.strings("flavor") ?? []).json
        }
    }
}

/// `create-index`. Exactly once under ambiguity, like `create-connector`: on a retry, "index already
/// exists" succeeds when the existing index has the flavor asked for — also when it is the error of the
/// job of an `async: true, wait: true` retry (``SubmittedJobs``).
struct CreateIndexAction: Action, DescribesRequest {
    let connection: HavenConnection?
    let jobs = SubmittedJobs()

    var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "create-index", summary: "Create a text index",
            inputs: [
                InputSpec("index", .string, required: true, description: "The index's name"),
                InputSpec(
                    "flavor", .string, description: "standard, explorer, custom_fields, …", default: "standard"),
                InputSpec("description", .string, description: "Free text"),
                HavenInput.async, HavenInput.wait,
            ],
            outputs: [
                OutputSpec("index", .string, description: "The index's name"), HavenInput.messageOutput,
                HavenInput.jobOutput,
            ],
            changesState: true)
    }

    private static func call(_ inputs: ActionInputs) throws -> HavenCall<IndexCreated> {
        HavenCall<IndexCreated>.createTextIndex(
            try inputs.string("index"), flavor: inputs.optionalString("flavor") ?? "standard",
            description: inputs.optionalString("description"))
    }

    func plan(_ input: JSON) -> String {
        let inputs = ActionInputs(input)
        guard let call = try? Self.call(inputs) else { return "create an index (inputs incomplete)" }
        return describeCall(api: call.api, parameters: call.parameters, async: inputs.bool("async"))
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        if let outputs = dryRunOutputs(input, context: context) { return outputs }
        let inputs = ActionInputs(input)
        let call = try Self.call(inputs)
        let name = try inputs.string("index")
        let flavor = inputs.optionalString("flavor") ?? "standard"
        let client = try connection.client(for: context)
        let confirmed: JSON = [
            "index": .string(name), "message": "index created (confirmed after an earlier attempt's answer was lost)",
        ]
        if inputs.submitsAndWaits {
            return try await jobs.create(call.json, client: client, context: context, confirmed: confirmed) {
                try await Self.confirmExisting(name, flavor: flavor, error: $0, client: client)
            }
        }
        return try await reportingHavenErrors {
            if inputs.bool("async") { return try await ["job_id": .string(client.submit(call).rawValue)] }
            do {
                return try await client.perform(call.json)
            } catch let error as HavenError where error.isAlreadyExists && context.isRetry {
                try await Self.confirmExisting(name, flavor: flavor, error: error, client: client)
                return confirmed
            }
        }
    }

    /// After "already exists" on a retry: returns when the index found has the flavor asked for (an earlier
    /// attempt created it), else fails.
    private static func confirmExisting(_ name: String, flavor: String, error: HavenError, client: HavenClient)
        async throws
    {
        let resources = try await client.listResources()
        let found = resources.privateResources.first { $0.resource == name && $0.type != "connector" }
        if let found, let foundFlavor = found.flavor, foundFlavor.lowercased() != flavor.lowercased() {
            throw ActionFailure(
                error, message:
                "index '\(name)' already exists with flavor \(foundFlavor), not \(flavor), so an earlier "
                    + "attempt did not create it; delete it or choose another name")
        }
    }
}
