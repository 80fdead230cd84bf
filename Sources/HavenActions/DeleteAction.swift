import FlowCore
import HavenClient
import JSONValue

/// `delete-connector` and `delete-index`: the delete with its confirmation round trip.
///
/// "Does not exist" succeeds with `deleted: false` under `missing_ok: true`, and, on a retry (`context.isRetry`: attempt > 1, or resumed after a kill),
/// succeeds with `deleted: true`: an earlier attempt whose answer was lost deleted it. With `async: true,
/// wait: true` the confirmation job is waited for (``SubmittedJobs``); a retry starts again from the
/// first call, and its confirmation job ending failed with "does not exist" also counts as deleted.
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
    let jobs = SubmittedJobs()

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
                HavenInput.wait,
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
        let client = try connection.client(for: context)
        let noun = resource.noun
        let waits = inputs.submitsAndWaits
        // Only the waiting form meets `.jobFailed` errors; for the others this is `reportingHavenErrors`.
        return try await reportingJobErrors {
            do {
                if waits { return try await confirmWaiting(name, client: client, context: context) }
                if inputs.bool("async") { return try await submitConfirmation(name, client: client) }
                let result = try await resource.remove(client, name)
                return [noun: .string(result.name.isEmpty ? name : result.name), "deleted": .bool(result.deleted)]
            } catch let error as HavenError
                where error.isNotFound && (error.jobID == nil || error.kind == .jobFailed)
            {
                let outputs: JSON
                if inputs.bool("missing_ok") {
                    outputs = [noun: .string(name), "deleted": false]
                } else {
                    guard context.isRetry else { throw error }
                    outputs = [noun: .string(name), "deleted": true]
                }
                return waits ? outputs.addingJobID(nil) : outputs
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

    /// With `async: true, wait: true`: the first call, then the confirmation as a job, waited for.
    private func confirmWaiting(_ name: String, client: HavenClient, context: ActionContext) async throws -> JSON {
        let first = try await client.perform(resource.call(name, nil))
        guard !first.deleted, let token = first.confirm else {
            return [resource.noun: .string(name), "deleted": .bool(first.deleted), "job_id": .null]
        }
        let confirmation = resource.call(name, token)
        let (result, job) = try await jobs.run(confirmation.json, client: client, context: context)
        let deleted = try confirmation.result(from: result)
        let outputs: JSON = [
            resource.noun: .string(deleted.name.isEmpty ? name : deleted.name), "deleted": .bool(deleted.deleted),
        ]
        return outputs.addingJobID(job)
    }
}
