import JSONValue

/// What an earlier run of the same workflow already did (filled from the state store by `resume`).
///
/// Steps in `succeededSteps` are not run again: their recorded outputs are reused. For a `for_each` step
/// not in `succeededSteps`, the elements in `succeededElements[key]` are not run again either; only
/// the others run. Keys are step keys (`Step.key`).
public struct ResumeState: Sendable {
    /// Step key → recorded outputs of a step that succeeded.
    public var succeededSteps: [String: JSON]
    /// Step key → element index → recorded outputs of the elements that succeeded.
    public var succeededElements: [String: [Int: JSON]]

    public init(succeededSteps: [String: JSON] = [:], succeededElements: [String: [Int: JSON]] = [:]) {
        self.succeededSteps = succeededSteps
        self.succeededElements = succeededElements
    }
}
