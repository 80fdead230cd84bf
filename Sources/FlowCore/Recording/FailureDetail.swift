import JSONValue

/// Structured detail of a failure from the outside system an action talked to: recorded in the run log
/// as a member of the error object named `key` (a pack uses its configuration key), and summed up on the
/// console by `notes`.
public struct FailureDetail: Sendable, Hashable {
    /// The member of the run log's error object the detail goes under.
    public var key: String
    public var value: JSON
    /// Short phrases (an error number, a reason) the console adds after the message in parentheses,
    /// each only when the message does not already say it.
    public var notes: [String]

    public init(key: String, value: JSON, notes: [String] = []) {
        self.key = key
        self.value = value
        self.notes = notes
    }

    func masked(by masker: Masker) -> FailureDetail {
        FailureDetail(key: key, value: masker.mask(value), notes: notes.map(masker.mask))
    }
}
