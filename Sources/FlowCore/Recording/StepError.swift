import JSONValue

/// A step's (or element's, or attempt's) failure as the run log, `steps.ID.error` and the console show it.
public struct StepError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A sentence naming what went wrong.
    public var message: String
    /// A short machine-readable code (e.g. an API's error number as text), if any.
    public var code: String?
    /// What the outside system said about the failure (e.g. an API's `{error, reason, detail}`).
    public var detail: FailureDetail?
    /// Whether retrying may help (not recorded in the log; decides retries under `on: transient`).
    public var transient: Bool
    /// The failure is the run's interruption (SIGINT/SIGTERM), not the action's.
    var interrupted = false

    public init(_ message: String, code: String? = nil, detail: FailureDetail? = nil, transient: Bool = false) {
        self.message = message
        self.code = code
        self.detail = detail
        self.transient = transient
    }

    public var description: String { message }

    /// The run-log object: `{message, code?}` and the detail under its key.
    public func json() -> JSON {
        var members: [String: JSON] = ["message": .string(message)]
        if let code { members["code"] = .string(code) }
        if let detail, members[detail.key] == nil { members[detail.key] = detail.value }
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
        copy.detail = detail?.masked(by: masker)
        return copy
    }
}
