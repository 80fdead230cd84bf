import JSONValue

/// One change `havenflow plan` would make, reported by an action that models its plan (`ModelsPlan`):
/// written to the run log as a `change_planned` event and summed up at the end of the plan.
public struct PlannedChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case create, update, start, stop, delete
        /// A call whose effect the plan cannot tell (e.g. a pack's raw API call action).
        case unknown
    }

    public var kind: Kind
    /// What is changed: `connector`, `index`, … (for `unknown`, the API called).
    public var type: String
    /// The resource's name; `nil` when it is not known before the run (it comes from a step the plan
    /// did not run).
    public var resource: String?

    public init(_ kind: Kind, _ type: String, _ resource: String?) {
        self.kind = kind
        self.type = type
        self.resource = resource
    }

    /// Counted as unknown in the summary: its kind or its resource cannot be known before the run.
    public var isUnknown: Bool { kind == .unknown || resource == nil }
}
