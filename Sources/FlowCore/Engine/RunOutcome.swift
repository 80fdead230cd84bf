import JSONValue

/// What a run did: its status and every step's record (masked, as recorded).
public struct RunOutcome: Sendable {
    public var runID: String
    public var status: RunStatus
    /// `steps` then `finally`, in file order.
    public var steps: [StepRecord]
    public var duration: Duration
    /// A failure before the first step (an unset secret, a `vars` expression that failed).
    public var error: StepError?

    public init(
        runID: String, status: RunStatus, steps: [StepRecord], duration: Duration, error: StepError? = nil
    ) {
        self.runID = runID
        self.status = status
        self.steps = steps
        self.duration = duration
        self.error = error
    }

    /// The record of the step with `key`.
    public func step(_ key: String) -> StepRecord? { steps.first { $0.key == key } }

    /// Steps by status.
    public var counts: [StepStatus: Int] {
        steps.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
    }
}

/// One step's record.
public struct StepRecord: Sendable {
    public var key: String
    public var id: String?
    public var title: String
    public var action: String
    public var status: StepStatus
    /// Attempts made (for `for_each`, the sum over the elements).
    public var attempts: Int
    /// The action's outputs; for `for_each`, the list of element outputs.
    public var outputs: JSON
    public var error: StepError?
    public var duration: Duration
    /// `for_each` steps: one record per element, in element order.
    public var elements: [ElementRecord]?
    public var skipReason: StepSkipReason?
    /// Taken from `ResumeState` instead of being run.
    public var resumed: Bool
    public var isFinally: Bool
    /// The requests the action reported (for `for_each`, the sum over the elements).
    public var calls: CallCounts

    public init(
        key: String, id: String? = nil, title: String, action: String, status: StepStatus, attempts: Int = 0,
        outputs: JSON = .null, error: StepError? = nil, duration: Duration = .zero, elements: [ElementRecord]? = nil,
        skipReason: StepSkipReason? = nil, resumed: Bool = false, isFinally: Bool = false,
        calls: CallCounts = CallCounts()
    ) {
        self.key = key
        self.id = id
        self.title = title
        self.action = action
        self.status = status
        self.attempts = attempts
        self.outputs = outputs
        self.error = error
        self.duration = duration
        self.elements = elements
        self.skipReason = skipReason
        self.resumed = resumed
        self.isFinally = isFinally
        self.calls = calls
    }
}

/// One `for_each` element's record.
public struct ElementRecord: Sendable {
    public var index: Int
    public var item: JSON
    public var status: StepStatus
    public var attempts: Int
    public var outputs: JSON
    public var error: StepError?
    public var duration: Duration
    public var skipReason: StepSkipReason?
    public var resumed: Bool
    /// The requests the element's action reported.
    public var calls: CallCounts

    public init(
        index: Int, item: JSON, status: StepStatus, attempts: Int = 0, outputs: JSON = .null,
        error: StepError? = nil, duration: Duration = .zero, skipReason: StepSkipReason? = nil, resumed: Bool = false,
        calls: CallCounts = CallCounts()
    ) {
        self.index = index
        self.item = item
        self.status = status
        self.attempts = attempts
        self.outputs = outputs
        self.error = error
        self.duration = duration
        self.skipReason = skipReason
        self.resumed = resumed
        self.calls = calls
    }
}
