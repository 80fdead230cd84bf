import Foundation
import JSONValue

/// One line of the run log (`docs/run-log.md`): what happened, when, in which run.
public struct RunEvent: Sendable {
    public var ts: Date { didSet { rendering = RenderedLine() } }
    public var runID: String { didSet { rendering = RenderedLine() } }
    public var kind: Kind { didSet { rendering = RenderedLine() } }
    private var rendering = RenderedLine()

    /// The event's line as the run log holds it (`json().rendered()`, no newline): rendered once, by
    /// whichever observer asks first, and shared by the others (the run log, a PostgreSQL store's copy of
    /// the events, `--json` output) — rendering is most of what an event costs them.
    public var line: String { rendering.line { json().rendered() } }

    public init(ts: Date = Date(), runID: String, kind: Kind) {
        self.ts = ts
        self.runID = runID
        self.kind = kind
    }

    public enum Kind: Sendable {
        /// `inputs` are the bound workflow inputs (masked).
        case runStarted(workflow: String, file: String, inputs: [String: JSON])
        /// A step begins (not sent for skipped or resumed steps); `items` is the element count of `for_each`.
        case stepStarted(step: String, action: String, name: String?, items: Int?)
        /// One attempt failed; `retryInMs` is the pause before the next attempt, `nil` when none follows.
        case attemptFailed(step: String, index: Int?, attempt: Int, error: StepError, retryInMs: Int?)
        /// A line printed by an action (`log`, dry-run notes): `step` and `index` tell who printed it.
        case output(step: String, index: Int?, message: String)
        /// Under a plan: a change the step would make (reported by a `ModelsPlan` action).
        case changePlanned(step: String, index: Int?, change: PlannedChange)
        /// A `for_each` element's action is about to be called for the first time in this process: the state
        /// store has it on disk before the call, so that `resume` knows the element may have changed something.
        case itemStarted(step: String, index: Int)
        /// One `for_each` element ended.
        case itemFinished(ItemResult)
        /// A step ended (also sent, with status `skipped`, for steps that did not run).
        case stepFinished(StepResult)
        case runFinished(status: RunStatus, counts: [StepStatus: Int], durationMs: Int, error: StepError?)
    }

    /// The payload of `item_finished`.
    public struct ItemResult: Sendable {
        public var step: String
        public var index: Int
        public var status: StepStatus
        public var outputs: JSON
        public var error: StepError?
        public var attempts: Int
        public var durationMs: Int
        public var reason: StepSkipReason?
        public var resumed: Bool
        /// The requests the element's action reported, over all its attempts.
        public var calls: CallCounts

        public init(
            step: String, index: Int, status: StepStatus, outputs: JSON = .null, error: StepError? = nil,
            attempts: Int = 0, durationMs: Int = 0, reason: StepSkipReason? = nil, resumed: Bool = false,
            calls: CallCounts = CallCounts()
        ) {
            self.step = step
            self.index = index
            self.status = status
            self.outputs = outputs
            self.error = error
            self.attempts = attempts
            self.durationMs = durationMs
            self.reason = reason
            self.resumed = resumed
            self.calls = calls
        }
    }

    /// The payload of `step_finished`.
    public struct StepResult: Sendable {
        public var step: String
        public var action: String
        public var status: StepStatus
        public var outputs: JSON
        public var error: StepError?
        /// Attempts made; for `for_each`, the sum over the elements.
        public var attempts: Int
        public var durationMs: Int
        public var reason: StepSkipReason?
        /// `for_each` only: elements by status.
        public var items: [StepStatus: Int]?
        public var resumed: Bool
        /// Whether the step is one of `finally`.
        public var isFinally: Bool
        /// The requests the step's action reported, over all its attempts; for `for_each`, the sum over the
        /// elements.
        public var calls: CallCounts

        public init(
            step: String, action: String, status: StepStatus, outputs: JSON = .null, error: StepError? = nil,
            attempts: Int = 0, durationMs: Int = 0, reason: StepSkipReason? = nil, items: [StepStatus: Int]? = nil,
            resumed: Bool = false, isFinally: Bool = false, calls: CallCounts = CallCounts()
        ) {
            self.step = step
            self.action = action
            self.status = status
            self.outputs = outputs
            self.error = error
            self.attempts = attempts
            self.durationMs = durationMs
            self.reason = reason
            self.items = items
            self.resumed = resumed
            self.isFinally = isFinally
            self.calls = calls
        }
    }

    /// The event name written in the `event` field.
    public var name: String {
        switch kind {
        case .runStarted: "run_started"
        case .stepStarted: "step_started"
        case .attemptFailed: "attempt_failed"
        case .output: "output"
        case .changePlanned: "change_planned"
        case .itemStarted: "item_started"
        case .itemFinished: "item_finished"
        case .stepFinished: "step_finished"
        case .runFinished: "run_finished"
        }
    }
}
