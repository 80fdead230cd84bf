import Foundation
import JSONValue

/// What an earlier run of the same workflow already did (filled from the state store by `resume`).
///
/// Steps in `succeededSteps` are not run again: their recorded outputs are reused. For a `for_each` step
/// not in `succeededSteps`, the elements in `succeededElements[key]` are not run again either; only
/// the others run. Keys are step keys (`Step.key`).
///
/// Steps in `startedSteps` and elements in `startedElements` had started in an earlier process (their
/// action may have been called) and never finished — the process was killed, or interrupted while the
/// call was in flight. They run again as a retry after a lost answer (`ActionContext.recovering`), so
/// that a change the earlier process applied is not applied twice; the others run as first attempts.
public struct ResumeState: Sendable {
    /// Step key → recorded outputs of a step that succeeded.
    public var succeededSteps: [String: JSON]
    /// Step key → element index → recorded outputs of the elements that succeeded.
    public var succeededElements: [String: [Int: JSON]]
    /// Step key → when an earlier process started the step, for plain steps that never finished.
    public var startedSteps: [String: Date]
    /// Step key → element index → when an earlier process started the element, for elements that never
    /// finished.
    public var startedElements: [String: [Int: Date]]

    public init(
        succeededSteps: [String: JSON] = [:], succeededElements: [String: [Int: JSON]] = [:],
        startedSteps: [String: Date] = [:], startedElements: [String: [Int: Date]] = [:]
    ) {
        self.succeededSteps = succeededSteps
        self.succeededElements = succeededElements
        self.startedSteps = startedSteps
        self.startedElements = startedElements
    }
}
