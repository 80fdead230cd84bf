import JSONValue

/// A step's (or element's, or attempt's) failure as the run log, `steps.ID.error` and the console show it.
public struct StepError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A sentence naming what went wrong.
    public var message: String
    /// A short machine-readable code (e.g. a Haven error number as text), if any.
    public var code: String?
    /// The Haven error `{error, reason, detail}`, when the failure came from the API.
    public var haven: JSON?
    /// Whether retrying may help (not recorded in the log; decides retries under `on: transient`).
    public var transient: Bool
    /// The failure is the run's interruption (SIGINT/SIGTERM), not the action's.
    var interrupted = false

    public init(_ message: String, code: String? = nil, haven: JSON? = nil, transient: Bool = false) {
        self.message = message
        self.code = code
        self.haven = haven
        self.transient = transient
    }

    public var description: String { message }

    /// The run-log object: `{message, code?, haven?}`.
    public func json() -> JSON {
        var members: [String: JSON] = ["message": .string(message)]
        if let code { members["code"] = .string(code) }
        if let haven { members["haven"] = haven }
        return .object(members)
    }

    /// `steps.ID.error`: `{message, code}` (code `null` when absent).
    var contextValue: JSON {
        .object(["message": .string(message), "code": code.map(JSON.string) ?? .null])
    }

    func masked(by masker: Masker) -> StepError {
        guard !masker.isEmpty else { return self }
        var copy = self
        copy.message = masker.mask(message)
        copy.code = code.map(masker.mask)
        copy.haven = haven.map(masker.mask)
        return copy
    }
}
