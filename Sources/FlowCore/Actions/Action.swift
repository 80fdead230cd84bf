import Foundation
import JSONValue

/// A step's unit of work. Conform to it and register the value in an `ActionRegistry` to add an action;
/// FlowCore itself never needs to change.
public protocol Action: Sendable {
    /// Name, aliases, inputs and outputs: what the loader validates steps against.
    var declaration: ActionDeclaration { get }

    /// Runs the action once with its evaluated, validated inputs (an object) and returns its outputs.
    /// Throw `ActionFailure` (or any error) to fail the attempt; the engine decides about retries.
    func run(_ input: JSON, context: ActionContext) async throws -> JSON
}

/// What an action can see of the run it is part of.
public struct ActionContext: Sendable {
    public var runID: String
    public var workflowName: String
    /// The step's key (its `id`, or `ACTION#N`).
    public var stepKey: String
    /// The element index inside `for_each`, else `nil`.
    public var index: Int?
    /// 1-based attempt number.
    public var attempt: Int
    /// `true` when an earlier process started this step (or element) and died before its end was recorded
    /// (`havenflow resume` after a kill): an earlier process may have applied this change and lost the
    /// answer, so even the first attempt here is a retry after a lost answer (`isRetry`).
    public var recovering: Bool
    /// With `recovering`: when the earlier process recorded that it started the step (or element).
    public var startedAt: Date?
    /// `true` under `--dry-run` / `plan`: actions that change something are not called at all.
    public var dryRun: Bool
    /// The run status so far (`succeeded` or `failed`); for notifications in `finally`.
    public var runStatus: String
    /// Masks every secret value in a string: use it on anything an action prints or sends to a third party.
    public var mask: @Sendable (String) -> String
    /// Writes a line to the console (already masked by the engine).
    public var print: @Sendable (String) -> Void
    /// Under a plan, reports a change the step would make (`ModelsPlan` actions; a `change_planned` event).
    public var planned: @Sendable (PlannedChange) -> Void
    /// Where the action counts the requests it sends to an outside service (by API and outcome): one tally
    /// per step or element, shared by its attempts, recorded as `calls` when the step or element ends.
    public var calls: CallTally

    public init(
        runID: String, workflowName: String, stepKey: String, index: Int? = nil, attempt: Int = 1,
        recovering: Bool = false, startedAt: Date? = nil, dryRun: Bool = false, runStatus: String = "succeeded",
        mask: @escaping @Sendable (String) -> String = { $0 },
        print: @escaping @Sendable (String) -> Void = { _ in },
        planned: @escaping @Sendable (PlannedChange) -> Void = { _ in }, calls: CallTally = CallTally()
    ) {
        self.runID = runID
        self.workflowName = workflowName
        self.stepKey = stepKey
        self.index = index
        self.attempt = attempt
        self.recovering = recovering
        self.startedAt = startedAt
        self.dryRun = dryRun
        self.runStatus = runStatus
        self.mask = mask
        self.print = print
        self.planned = planned
        self.calls = calls
    }
}

extension ActionContext {
    /// Whether an earlier attempt may have applied the change and lost the answer: a retry (attempt > 1),
    /// or any attempt of a step or element an earlier process started and did not finish (`recovering`).
    /// The exactly-once rules of changing actions apply whenever this is `true`.
    public var isRetry: Bool { attempt > 1 || recovering }
}

/// A failure an action reports on purpose, as a sentence; `transient` failures are retried under `retry`.
public struct ActionFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// A short machine-readable code (e.g. an API's error number as text), if any.
    public var code: String?
    /// Extra structured detail for the run log and the console (e.g. an API's `{error, reason, detail}`).
    public var detail: FailureDetail?
    public var transient: Bool

    public init(_ message: String, code: String? = nil, detail: FailureDetail? = nil, transient: Bool = false) {
        self.message = message
        self.code = code
        self.detail = detail
        self.transient = transient
    }

    public var description: String { message }
}

/// Errors that know whether retrying may help (network errors, timeouts, throttling, 5xx).
public protocol TransientCheckable: Error {
    var isTransient: Bool { get }
}

/// A changing action that can say, without sending anything, what it would send: under `--dry-run` and
/// `havenflow plan` the engine prints `plan(input)` (masked) and uses `placeholderOutputs(for:)` instead
/// of calling `run`.
public protocol DescribesRequest: Action {
    /// One line naming the request(s), e.g. `POST /1/api/sync/createconnector/v1 connector=v2-wiki …`,
    /// with secret inputs and the API key shown as `****`.
    func plan(_ input: JSON) -> String
    /// Outputs shaped like the declaration's, for later steps to plan with.
    func placeholderOutputs(for input: JSON) -> JSON
}
