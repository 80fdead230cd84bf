import FlowCore
import HavenClient
import JSONValue

/// `start-connector`, exactly once under ambiguity: when an earlier attempt's answer was lost and this
/// retry (attempt > 1) is refused because the connector is running (QUEUED, PROCESSING or STOPPING), the
/// earlier attempt started it and the step succeeds with `already_running: true`.
///
/// Not covered: a run the lost attempt started that has already ended before the retry is sent; the
/// retry then starts a second run (give `retry.delay` well under the connector's run time).
struct StartConnectorAction: Action, DescribesRequest {
    let call: HavenCallAction

    init(_ connection: HavenConnection?) {
        let declaration = ActionDeclaration(
            name: "start-connector", summary: "Start a run of a cloud connector",
            inputs: [
                HavenInput.connector,
                InputSpec("destination", .object, description: "Send this run's documents elsewhere"),
                InputSpec("ignore_previous_state", .boolean, description: "Fetch everything again"),
                HavenInput.async,
            ],
            outputs: [
                HavenInput.connectorOutput,
                OutputSpec("token", .string, description: "Names this run in the connector's history"),
                HavenInput.jobOutput,
                OutputSpec(
                    "already_running", .boolean,
                    description: "On a retry: true when an earlier attempt (whose answer was lost) had started it"),
            ],
            changesState: true)
        call = HavenCallAction(declaration, connection: connection) { inputs in
            HavenCall<ConnectorStarted>.startConnector(
                try inputs.string("connector"), destination: inputs.json("destination"),
                ignorePreviousState: inputs.json("ignore_previous_state")?.boolValue
            ).json
        }
    }

    var declaration: ActionDeclaration { call.declaration }

    func plan(_ input: JSON) -> String { call.plan(input) }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        do {
            return try await call.run(input, context: context)
        } catch let failure as ActionFailure where context.attempt > 1 && !failure.transient && !context.dryRun {
            let inputs = ActionInputs(input)
            guard !inputs.bool("async"), failure.code == "4005" else { throw failure }
            let name = try inputs.string("connector")
            let status = try await reportingHavenErrors { try await call.connection.client().connectorStatus(name) }
            guard status.status.isRunning else { throw failure }
            return [
                "connector": .string(name), "already_running": true,
                "message": .string(
                    "connector already \(status.status.rawValue) (started by an earlier attempt whose answer was lost)"),
            ]
        }
    }
}
