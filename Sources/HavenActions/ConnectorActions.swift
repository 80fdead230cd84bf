import FlowCore
import HavenClient
import JSONValue

/// The connector actions that are one call each: update, stop, status, history, retrieve-config,
/// cancel-schedule. (`create-connector`, `start-connector` and `delete-connector`
/// have files of their own.)
enum ConnectorActions {
    static func all(connection: HavenConnection?) -> [any Action] {
        [
            update(connection), start(connection), stop(connection), status(connection), history(connection),
            retrieveConfig(connection), cancelSchedule(connection),
        ]
    }

    static func update(_ connection: HavenConnection?) -> HavenCallAction {
        let declaration = ActionDeclaration(
            name: "update-connector",
            summary: "Change a connector's settings (each value given replaces the old one whole)",
            inputs: [HavenInput.connector, HavenInput.config(required: false), HavenInput.destination(required: false)]
                + HavenInput.connectorSettings + [HavenInput.async, HavenInput.wait],
            outputs: [
                HavenInput.connectorOutput, HavenInput.messageOutput, HavenInput.jobOutput,
                OutputSpec(
                    "already_updated", .boolean,
                    description: "On a retry: true when the connector already had every setting given (an earlier attempt updated it)"),
            ],
            changesState: true)
        return HavenCallAction(declaration, connection: connection, retry: .update) { inputs in
            HavenCall<ConnectorMessage>.updateConnector(try updateRequest(inputs)).json
        }
    }

    static func updateRequest(_ inputs: ActionInputs) throws -> UpdateConnectorRequest {
        UpdateConnectorRequest(
            name: try inputs.string("connector"), config: inputs.json("config"),
            destination: inputs.json("destination"), schedule: inputs.json("schedule"),
            credentials: inputs.json("credentials"), credentialsPolicy: inputs.json("credentials_policy"),
            description: inputs.optionalString("description"))
    }

    static func start(_ connection: HavenConnection?) -> StartConnectorAction { StartConnectorAction(connection) }

    static func stop(_ connection: HavenConnection?) -> HavenCallAction {
        byName(
            connection, "stop-connector", "Ask a running connector to stop", retry: .stop,
            outputs: [
                HavenInput.connectorOutput, HavenInput.messageOutput, HavenInput.jobOutput,
                OutputSpec(
                    "already_stopped", .boolean,
                    description: "On a retry: true when the connector was found not running (an earlier attempt stopped it, or its run ended)"),
            ]
        ) { HavenCall<ConnectorMessage>.stopConnector($0).json }
    }

    static func status(_ connection: HavenConnection?) -> HavenCallAction {
        let declaration = ActionDeclaration(
            name: "connector-status", summary: "A connector's current status and last run",
            inputs: [
                HavenInput.connector,
                InputSpec("schedule_information", .boolean, description: "Include the schedule"),
                HavenInput.async,
            ],
            outputs: [
                HavenInput.connectorOutput,
                OutputSpec("status", .string, description: "IDLE, QUEUED, PROCESSING, FINISHED, ERROR, STOPPING, STOPPED"),
                OutputSpec("flavor", .string, description: "The connector's flavor"),
                OutputSpec("document_counts", .object, description: "Documents of the last run, by outcome"),
            ],
            changesState: false)
        return HavenCallAction(declaration, connection: connection) { inputs in
            HavenCall<ConnectorStatus>.connectorStatus(
                try inputs.string("connector"),
                scheduleInformation: inputs.bool("schedule_information")
            ).json
        }
    }

    static func history(_ connection: HavenConnection?) -> HavenCallAction {
        let declaration = ActionDeclaration(
            name: "connector-history", summary: "A connector's past runs, newest first",
            inputs: [
                HavenInput.connector,
                InputSpec(
                    "statuses", .list, description: "Only runs that ended in one of these statuses", oneOrMany: true),
                InputSpec("max_page_results", .integer, description: "At most this many runs"),
                HavenInput.async,
            ],
            outputs: [OutputSpec("history", .list, description: "The runs, newest first")],
            changesState: false)
        return HavenCallAction(declaration, connection: connection) { inputs in
            HavenCall<ConnectorHistory>.connectorHistory(
                try inputs.string("connector"), statuses: inputs.strings("statuses") ?? [],
                maxPageResults: inputs.json("max_page_results")?.intValue
            ).json
        }
    }

    static func retrieveConfig(_ connection: HavenConnection?) -> HavenCallAction {
        byName(
            connection, "retrieve-config", "A connector's flavor and settings",
            outputs: [
                OutputSpec("name", .string, description: "The connector's name"),
                OutputSpec("flavor", .string, description: "The connector's flavor"),
                OutputSpec("config", .object, description: "{config, destination, schedule, credentials_policy, …}"),
            ]
        ) { HavenCall<ConnectorConfig>.retrieveConfig($0).json }
    }

    static func cancelSchedule(_ connection: HavenConnection?) -> HavenCallAction {
        byName(
            connection, "cancel-schedule", "Stop a connector's schedule (the connector stays)", retry: .cancelSchedule,
            outputs: [
                HavenInput.connectorOutput,
                OutputSpec("stopped_schedule", .boolean, description: "true once the schedule is cancelled"),
                OutputSpec(
                    "already_cancelled", .boolean,
                    description: "On a retry: true when no schedule was left (an earlier attempt cancelled it)"),
            ]
        ) { HavenCall<ScheduleCancelled>.cancelConnectorSchedule($0).json }
    }

    /// An action whose only inputs are `connector` and `async` (and `wait`, when it changes state: when it
    /// has a `retry` rule).
    private static func byName(
        _ connection: HavenConnection?, _ name: String, _ summary: String, retry: RetryRule? = nil,
        outputs: [OutputSpec], call: @escaping @Sendable (String) -> HavenCall<JSON>
    ) -> HavenCallAction {
        let changesState = retry != nil
        let declaration = ActionDeclaration(
            name: name, summary: summary,
            inputs: [HavenInput.connector, HavenInput.async] + (changesState ? [HavenInput.wait] : []),
            outputs: outputs,
            changesState: changesState)
        return HavenCallAction(declaration, connection: connection, retry: retry) { call(try $0.string("connector")) }
    }
}
