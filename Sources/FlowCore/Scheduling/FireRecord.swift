import Foundation

/// What the scheduler did about one scheduled time of one trigger.
public struct FireRecord: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// A run started.
        case fired(runID: String)
        /// No run started, for `reason`.
        case skipped(SkipReason)
        /// The time passed while the scheduler was down (or asleep) and the catch-up policy let it go.
        case missed
    }

    public var trigger: TriggerID
    /// The time the trigger was due.
    public var scheduledAt: Date
    /// The scheduler clock's time when it was recorded.
    public var recordedAt: Date
    public var outcome: Outcome

    public init(trigger: TriggerID, scheduledAt: Date, recordedAt: Date, outcome: Outcome) {
        self.trigger = trigger
        self.scheduledAt = scheduledAt
        self.recordedAt = recordedAt
        self.outcome = outcome
    }
}

/// Why a due time did not start a run.
public struct SkipReason: Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable {
        case overlap(String)
        case queueFull
        case lockBusy
        case launchFailed(String)
        case stopping
        case recorded(String)
    }

    private let code: Code

    /// `overlap: skip` and a run of the workflow (`runID`) was still active.
    public static func overlap(activeRun runID: String) -> SkipReason { SkipReason(code: .overlap(runID)) }
    /// `overlap: queue` and a run was active with another already queued behind it.
    public static let queueFull = SkipReason(code: .queueFull)
    /// The workflow's run lock was held elsewhere (another process or host).
    public static let lockBusy = SkipReason(code: .lockBusy)
    /// The launcher could not start the run.
    public static func launchFailed(_ message: String) -> SkipReason { SkipReason(code: .launchFailed(message)) }
    /// The scheduler stopped before a queued run could start.
    public static let stopping = SkipReason(code: .stopping)
    /// A reason read back from storage as the sentence it was recorded as.
    public static func recorded(_ sentence: String) -> SkipReason { SkipReason(code: .recorded(sentence)) }

    public var description: String {
        switch code {
        case .overlap(let runID): "run \(runID) of the workflow was still active (overlap: skip)"
        case .queueFull: "a run was active and another was already queued (overlap: queue)"
        case .lockBusy: "the workflow's run lock was held by another process"
        case .launchFailed(let message): "the run could not start: \(message)"
        case .stopping: "the scheduler stopped before the queued run could start"
        case .recorded(let sentence): sentence
        }
    }
}
