import FlowCore
import HavenClient
import JSONValue

/// `delete-connector` and `delete-index`: the delete with its confirmation round trip.
///
/// "Does not exist" succeeds with `deleted: false` under `missing_ok: true`, and, on a retry (attempt > 1),
/// succeeds with `deleted: true`: an earlier attempt whose answer was lost deleted it.
struct DeleteAction: Action, DescribesRequest {
    /// What is deleted: its API and the name of the input and output naming it.
    struct Resource: Sendable {
        var noun: String
        var api: String
        var remove: @Sendable (HavenClient, String) async throws -> DeleteResult
        var call: @Sendable (String, String?) -> HavenCall<DeleteResult>
    }

    static let connector = Resource(
        noun: "connector", api: "deleteconnector", remove: { try await $0.deleteConnector($1) },
        call: { .deleteConnector($0, confirm: $1) })
    static let index = Resource(
        noun: "index", api: "deletetextindex", remove: { try await $0.deleteTextIndex($1) },
        call: { .deleteTextIndex($0, confirm: $1) })

    let resource: Resource
    let connection: HavenConnection?

    var declaration: ActionDeclaration {
        let noun = resource.noun
        return ActionDeclaration(
            name: "delete-\(noun)", summary: "Delete a \(noun == "index" ? "text index" : noun) (confirming the delete)",
            inputs: [
                InputSpec(noun, .string, required: true, description: "The \(noun)'s name"),
                InputSpec(
                    "missing_ok", .boolean, description: "Succeed (deleted: false) when it does not exist",
                    default: false),
                InputSpec(
                    "async", .boolean, description: "Send the confirmation as a job and return {job_id} at once",
                    default: false),
            ],
            outputs: [
                OutputSpec(noun, .string, description: "The \(noun)'s name"),
                OutputSpec("deleted", .boolean, description: "true when it was deleted, false when it was missing"),
                HavenInput.jobOutput,
            ],
            changesState: true)
    }

    func plan(_ input: JSON) -> String {
        let name = ActionInputs(input).optionalString(resource.noun) ?? "?"
        let first = describeCall(api: resource.api, parameters: resource.call(name, nil).parameters)
        return first + ", then again with confirm=<token>"
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        if let outputs = dryRunOutputs(input, context: context) { return outputs }
        let inputs = ActionInputs(input)
        let name = try inputs.string(resource.noun)
        let client = try connection.client()
        let noun = resource.noun
        return try await reportingHavenErrors {
            do {
                if inputs.bool("async") { return try await submitConfirmation(name, client: client) }
                let result = try await resource.remove(client, name)
                return [noun: .string(result.name.isEmpty ? name : result.name), "deleted": .bool(result.deleted)]
            } catch let error as HavenError where error.isNotFound && error.jobID == nil {
                if inputs.bool("missing_ok") { return [noun: .string(name), "deleted": false] }
                guard context.attempt > 1 else { throw error }
                return [noun: .string(name), "deleted": true]
            }
        }
    }

    /// With `async: true`: the first call (which only hands out a token) is sent at once, the confirmation
    /// as a job; a server that deletes in one call answers `deleted: true` at once and there is no job.
    private func submitConfirmation(_ name: String, client: HavenClient) async throws -> JSON {
        let first = try await client.perform(resource.call(name, nil))
        guard !first.deleted, let token = first.confirm else {
            return [resource.noun: .string(name), "deleted": .bool(first.deleted)]
        }
        return try await ["job_id": .string(client.submit(resource.call(name, token)).rawValue)]
    }
}
