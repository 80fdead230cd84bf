import FlowCore
import HavenClient
import JSONValue

/// How a one-call changing action (``HavenCallAction``) is retried after a lost answer
/// (`context.isRetry`: attempt > 1, or resumed after a kill, its started record found): what it looks at
/// before sending the call again, and which of the retry's errors or answers mean that the earlier attempt
/// made the change. docs/actions.md ("Exactly once") states each action's rule.
///
/// With `async: true` alone, a retry of an action with a rule is sent synchronously and answers the
/// synchronous outputs with a null `job_id` (as `create-connector` does): a job of the earlier attempt
/// may still be queued, and a second job would only be judged later, in `wait-job`.
struct RetryRule: Sendable {
    /// Before a retry is sent: the outputs when what the step asks is in place already (nothing is sent).
    var inPlace: (@Sendable (ActionInputs, HavenClient) async throws -> JSON?)?
    /// A retry's error that means the change was made: the outputs to answer instead of failing.
    var accepting: (@Sendable (HavenError, ActionInputs) -> JSON?)?
    /// A retry's answer, read knowing that an earlier attempt may have made the change.
    var answer: (@Sendable (JSON) -> JSON)?

    init(
        inPlace: (@Sendable (ActionInputs, HavenClient) async throws -> JSON?)? = nil,
        accepting: (@Sendable (HavenError, ActionInputs) -> JSON?)? = nil,
        answer: (@Sendable (JSON) -> JSON)? = nil
    ) {
        self.inPlace = inPlace
        self.accepting = accepting
        self.answer = answer
    }
}

extension RetryRule {
    /// `update-connector`: on a retry the connector's settings are read first; when every setting the step
    /// gives is already what it asks, an earlier attempt applied the update and nothing is sent
    /// (`already_updated: true`). Credentials cannot be read back: a step that gives them is sent again.
    static let update = RetryRule(inPlace: { inputs, client in
        let request = try? ConnectorActions.updateRequest(inputs)
        guard let request, request.credentials == nil else { return nil }
        let found = try await client.retrieveConfig(request.name)
        guard ConnectorSettings.difference(asked: ConnectorSettings(request), found: found) == nil else { return nil }
        return [
            "connector": .string(request.name), "already_updated": true,
            "message": "connector updated (confirmed after an earlier attempt's answer was lost)",
        ]
    })

    /// `stop-connector`: a retry that hears "connector is not running" succeeds (`already_stopped: true`):
    /// an earlier attempt whose answer was lost asked it to stop — or its run ended by itself in between,
    /// which the API cannot tell apart; either way no run is under way, as the step asks.
    static let stop = RetryRule(accepting: { error, inputs in
        guard error.isNotRunning, let name = inputs.optionalString("connector") else { return nil }
        return [
            "connector": .string(name), "already_stopped": true,
            "message": "connector is not running (stopped by an earlier attempt whose answer was lost, or its run ended)",
        ]
    })

    /// `cancel-schedule`: a retry answered `stopped_schedule: false` (no schedule left to cancel) counts as
    /// cancelled — an earlier attempt whose answer was lost cancelled it — with `already_cancelled: true`.
    /// A connector that never had a schedule reads the same on a retry.
    static let cancelSchedule = RetryRule(answer: { answer in
        guard var members = answer.objectValue, members["stopped_schedule"] == false else { return answer }
        members["stopped_schedule"] = true
        members["already_cancelled"] = true
        return .object(members)
    })
}

extension HavenError {
    /// Haven 4005 "connector is not running" (a stop of a connector with no run under way).
    var isNotRunning: Bool {
        (kind == .haven || kind == .jobFailed) && code == 4005 && detailMessage?.contains("is not running") == true
    }
}
