import FlowCore
import HavenClient
import JSONValue
import Synchronization

/// `start-connector`, exactly once under ambiguity. Before it first sends `startconnector` for a step
/// (or element), it reads the connector's last run (`connectorstatus`: one GET more per start). A retry
/// (attempt > 1) reads it again: if the last run is another one than before, an earlier attempt whose
/// answer was lost started it — still running or already ended — and the step succeeds with that run's
/// `token` and `already_started: true` (`already_running` tells whether it is still under way) instead
/// of starting a second run.
///
/// With `async: true, wait: true` the same rule holds: the start is submitted as a job and waited for
/// (``SubmittedJobs``), and a retry reads the last run before submitting again.
///
/// Not covered: with `async: true` alone the start is a job that may run after the retry looks; and a run
/// someone else starts between the lost attempt and the retry is taken for the lost attempt's.
final class StartConnectorAction: Action, DescribesRequest {
    let call: HavenCallAction
    /// The connector's last run before the first attempt, per run, step and element.
    private let before = Mutex<[AttemptKey: LastRun]>([:])

    init(_ connection: HavenConnection?) {
        let declaration = ActionDeclaration(
            name: "start-connector", summary: "Start a run of a cloud connector",
            inputs: [
                HavenInput.connector,
                InputSpec("destination", .object, description: "Send this run's documents elsewhere"),
                InputSpec("ignore_previous_state", .boolean, description: "Fetch everything again"),
                HavenInput.async, HavenInput.wait,
            ],
            outputs: [
                HavenInput.connectorOutput,
                OutputSpec("token", .string, description: "Names this run in the connector's history"),
                HavenInput.jobOutput,
                OutputSpec(
                    "already_started", .boolean,
                    description: "On a retry: true when an earlier attempt (whose answer was lost) had started the run"),
                OutputSpec("already_running", .boolean, description: "With already_started: whether that run is under way"),
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
        let inputs = ActionInputs(input)
        if context.dryRun || (inputs.bool("async") && !inputs.submitsAndWaits) {
            return try await call.run(input, context: context)
        }
        let name = try inputs.string("connector")
        let key = AttemptKey(context)
        let last = LastRun(try await reportingHavenErrors { try await call.connection.client().connectorStatus(name) })
        if let recorded = before.withLock({ $0[key] }) {
            if last.isNew(since: recorded) {
                before.withLock { $0[key] = nil }
                let run = last.token.map { "connector run \($0)" } ?? "the connector's run"
                return [
                    "connector": .string(name), "token": last.token.map(JSON.string) ?? .null, "already_started": true,
                    "already_running": .bool(last.isRunning),
                    "message": .string(
                        "\(run) (\(last.status)) was started by an earlier attempt whose answer was lost"),
                ]
            }
        } else {
            before.withLock { $0[key] = last }
        }
        let started = try await call.run(input, context: context)
        before.withLock { $0[key] = nil }
        return started
    }
}

/// What `connectorstatus` says of the connector's last run.
struct LastRun {
    var token: String?
    var status: String
    var isRunning: Bool

    init(_ status: ConnectorStatus) {
        token = status.token
        self.status = status.status.rawValue
        isRunning = status.status.isRunning
    }

    /// Whether this is another run than `earlier`: its token differs, or — from a server that names no
    /// run — it is under way where none was.
    func isNew(since earlier: LastRun) -> Bool {
        if let token { return token != earlier.token }
        return earlier.token == nil && isRunning && !earlier.isRunning
    }
}
