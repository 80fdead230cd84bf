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
/// After a kill (`context.recovering`) the last run read before the first attempt is gone with the
/// process: `resume` counts the connector's last run as the lost attempt's when it was queued at or after
/// the time the earlier process recorded the element as started (`context.startedAt`, in whole seconds,
/// as Haven gives times), or — from a server that gives no queued time — when it is under way.
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
        let last = LastRun(try await reportingHavenErrors { try await call.connection.client(for: context).connectorStatus(name) })
        if let recorded = before.withLock({ $0[key] }) {
            if last.isNew(since: recorded) {
                before.withLock { $0[key] = nil }
                return Self.alreadyStarted(name, last)
            }
        } else if context.recovering, let startedAt = context.startedAt, last.isNew(sinceStartedAt: startedAt) {
            return Self.alreadyStarted(name, last)
        } else {
            before.withLock { $0[key] = last }
        }
        let started = try await call.run(input, context: context)
        before.withLock { $0[key] = nil }
        return started
    }

    /// The outputs of a start whose run an earlier attempt (whose answer was lost) had started.
    private static func alreadyStarted(_ name: String, _ last: LastRun) -> JSON {
        let run = last.token.map { "connector run \($0)" } ?? "the connector's run"
        return [
            "connector": .string(name), "token": last.token.map(JSON.string) ?? .null, "already_started": true,
            "already_running": .bool(last.isRunning),
            "message": .string("\(run) (\(last.status)) was started by an earlier attempt whose answer was lost"),
        ]
    }
}
