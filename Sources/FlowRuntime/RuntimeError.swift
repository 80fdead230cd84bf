import FlowCore

/// Why the runtime could not do what it was asked, as one sentence; `kind` says what kind of problem it
/// is, and a front end maps kinds to its own answers (the CLI to exit statuses, in one `switch`).
public struct RuntimeError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A flag, input, secret or run id the user gave is wrong or missing (cli.md: 64).
        case usage
        /// A workflow file is invalid, or changed so that its records no longer fit (2); diagnostics
        /// were already reported.
        case invalid
        /// A lock is held by another run or scheduler (3).
        case locked
        /// Something needed could not be done: the state store, the run log, a sandbox (1).
        case failed
    }

    public var kind: Kind
    public var message: String
    /// The details were already reported (a workflow's diagnostics): a front end need not repeat `message`.
    public var alreadyReported = false

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension RuntimeError {
    /// A state store failure: unknown runs are the user's mistake, the rest the store's.
    init(_ error: StateStoreError) {
        self.init(error.isUnknownRun ? .usage : .failed, error.description)
    }

    /// A pack that could not connect.
    init(_ failure: PackFailure) {
        self.init(failure.kind == .configuration ? .usage : .failed, failure.message)
    }
}

/// Runs a state-store call, turning its error into a `RuntimeError`.
func storeCall<T>(_ body: () async throws(StateStoreError) -> T) async throws(RuntimeError) -> T {
    do {
        return try await body()
    } catch {
        throw RuntimeError(error)
    }
}
