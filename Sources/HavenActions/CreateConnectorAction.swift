import FlowCore
import HavenClient
import JSONValue

/// `create-connector` (alias `create`). Exactly once under ambiguity: when an earlier attempt's answer was
/// lost and this retry hears "connector already exists", the connector found is compared with the one
/// asked for; if it matches, the earlier attempt made it and the step succeeds.
///
/// With `async: true` a retry (`context.isRetry`: attempt > 1, or resumed after a kill) is not submitted as a job again: a job of the earlier attempt
/// may have created the connector, and a second job would fail later, in `wait-job`, with "already
/// exists". The retry creates the connector synchronously instead (with the comparison above) and answers
/// `{job_id: null, connector, existing}`; `wait-job` with a null job ID has nothing to wait for and
/// succeeds at once.
///
/// With `async: true, wait: true` every attempt submits a job and waits for it (``SubmittedJobs``); a
/// retry whose job ends failed with "already exists" makes the comparison above.
struct CreateConnectorAction: Action, DescribesRequest {
    let connection: HavenConnection?
    let jobs = SubmittedJobs()
    static let confirmed = "connector created (confirmed after an earlier attempt's answer was lost)"

    var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "create-connector", aliases: ["create"], summary: "Create a connector",
            inputs: [
                HavenInput.connector,
                InputSpec(
                    "flavor", .string, required: true,
                    description: "web_cloud, dropbox_cloud, …, filesystem_onsite, sharepoint_onsite, web_onsite"),
                HavenInput.config(required: true), HavenInput.destination(required: true),
            ] + HavenInput.connectorSettings + [HavenInput.async, HavenInput.wait],
            outputs: [
                HavenInput.connectorOutput, HavenInput.messageOutput,
                OutputSpec("download_link", .object, description: "Installer links, for onsite flavors"),
                HavenInput.jobOutput,
                OutputSpec(
                    "existing", .boolean,
                    description: "With async on a retry: true when an earlier attempt had already created it"),
            ],
            changesState: true)
    }

    static func request(_ inputs: ActionInputs) throws -> CreateConnectorRequest {
        CreateConnectorRequest(
            name: try inputs.string("connector"), flavor: try inputs.string("flavor"),
            config: inputs.json("config") ?? [:], destination: inputs.json("destination") ?? [:],
            schedule: inputs.json("schedule"), credentials: inputs.json("credentials"),
            credentialsPolicy: inputs.json("credentials_policy"), description: inputs.optionalString("description"))
    }

    func plan(_ input: JSON) -> String {
        let inputs = ActionInputs(input)
        guard let request = try? Self.request(inputs) else { return "create a connector (inputs incomplete)" }
        let call = HavenCall<ConnectorCreated>.createConnector(request)
        return describeCall(api: call.api, parameters: call.parameters, async: inputs.bool("async"), secrets: secretInputs)
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        if let outputs = dryRunOutputs(input, context: context) { return outputs }
        let inputs = ActionInputs(input)
        let request = try Self.request(inputs)
        let client = try connection.client(for: context)
        let call = HavenCall<ConnectorCreated>.createConnector(request)
        if inputs.submitsAndWaits {
            let confirmed: JSON = ["connector": .string(request.name), "message": .string(Self.confirmed)]
            return try await jobs.create(call.json, client: client, context: context, confirmed: confirmed) {
                try await Self.confirmExisting(request, error: $0, client: client)
            }
        }
        return try await reportingHavenErrors {
            let async = inputs.bool("async")
            if async && !context.isRetry { return try await ["job_id": .string(client.submit(call).rawValue)] }
            do {
                let created = try await client.perform(call.json)
                guard async else { return created }
                return ["job_id": .null, "connector": .string(request.name), "existing": false]
            } catch let error as HavenError where error.isAlreadyExists && context.isRetry {
                try await Self.confirmExisting(request, error: error, client: client)
                if async { return ["job_id": .null, "connector": .string(request.name), "existing": true] }
                return ["connector": .string(request.name), "message": .string(Self.confirmed)]
            }
        }
    }

    /// After "already exists" on a retry: returns when the connector found is the one asked for (an
    /// earlier attempt created it), else fails saying which setting differs.
    static func confirmExisting(_ request: CreateConnectorRequest, error: HavenError, client: HavenClient)
        async throws
    {
        let existing = try await client.retrieveConfig(request.name)
        if let difference = ConnectorSettings.difference(asked: ConnectorSettings(request), found: existing) {
            throw ActionFailure(
                error, message:
                "connector '\(request.name)' already exists but its \(difference) differs from what this "
                    + "step asks, so an earlier attempt did not create it; delete it or choose another name")
        }
    }
}
