import FlowCore
import Foundation
import PostgresNIO
import Synchronization

/// How a PostgreSQL store's records ride out the database going away (docs/operations.md): a write that
/// fails because the server cannot be reached — refused, reset, closed, shutting down — is tried again,
/// reconnecting, with a growing pause (100 ms doubling to 2 s), for at most `bound` from the moment the
/// outage began (one outage, one bound, however many writes wait in it). Meanwhile the caller waits: the
/// engine goes on only once its record is written, so no step or element starts without its record.
///
/// When the bound runs out, the writes are *lost*: this write and every later one fail at once with
/// the same sentence (naming the database and the last error), and the listener hears `.lost` — the run
/// stops as `interrupted` (`WorkflowRun`), to be resumed once the database is back. Any other error (a
/// constraint, a statement the server refuses) is not retried.
final class WriteRetry: Sendable {
    private struct State {
        var outageSince: ContinuousClock.Instant?
        var lost: StateStoreError?
        var listener: (@Sendable (StoreWriteEvent) -> Void)?
    }

    /// 30 s, or `HAVENFLOW_STORE_RETRY` (a duration such as `2s`, for tests of an outage that should not
    /// wait half a minute).
    static let defaultBound =
        ProcessInfo.processInfo.environment["HAVENFLOW_STORE_RETRY"].flatMap { Duration(parsing: $0) } ?? .seconds(30)
    /// The longest pause between two tries.
    static let longestPause = Duration.seconds(2)

    /// The store, for messages.
    let location: String
    /// How long writes are retried once the database became unreachable.
    let bound: Duration
    private let state = Mutex(State())

    init(location: String, bound: Duration = WriteRetry.defaultBound) {
        self.location = location
        self.bound = bound
    }

    /// The sentence the writes were lost with, once the bound ran out.
    var lost: StateStoreError? { state.withLock { $0.lost } }

    /// Calls `listener` on each `StoreWriteEvent` from now on (one listener: the run's).
    func listen(_ listener: @escaping @Sendable (StoreWriteEvent) -> Void) {
        state.withLock { $0.listener = listener }
    }

    /// Runs `write` (which reconnects when it finds its connection closed) until it succeeds, fails for
    /// another reason than an unreachable server, or the outage outlasts `bound`.
    func perform(_ write: () throws -> Void) throws(StateStoreError) {
        var pause = Duration.milliseconds(100)
        while true {
            if let lost { throw lost }
            let failure: any Error
            do {
                try write()
                let recovered = state.withLock { state -> (Duration, (@Sendable (StoreWriteEvent) -> Void)?)? in
                    guard let since = state.outageSince else { return nil }
                    state.outageSince = nil
                    return (ContinuousClock.now - since, state.listener)
                }
                if let (duration, listener) = recovered { listener?(.recovered(duration)) }
                return
            } catch {
                failure = error
            }
            if let failure = failure as? StateStoreError { throw failure }  // the store was closed
            let reason = PostgresStateStore.describe(failure)
            guard Self.isUnreachable(failure) else { throw StateStoreError(.database("\(location): \(reason)")) }
            let now = ContinuousClock.now
            let (remaining, began, listener) = state.withLock { state in
                let began = state.outageSince == nil
                let since = state.outageSince ?? now
                state.outageSince = since
                return (since + bound - now, began, state.listener)
            }
            if began {
                listener?(.outage(StateStoreError(.database("\(location) cannot be written: \(reason)"))))
            }
            guard remaining > .zero else {
                let error = StateStoreError(.unreachable(location: location, bound: bound, reason: reason))
                let first = state.withLock { state -> (@Sendable (StoreWriteEvent) -> Void)?? in
                    guard state.lost == nil else { return nil }
                    state.lost = error
                    return .some(state.listener)
                }
                if case .some(let listener) = first { listener?(.lost(error)) }
                throw lost ?? error
            }
            Thread.sleep(forTimeInterval: min(pause, remaining).secondsValue)
            pause = min(pause * 2, Self.longestPause)
        }
    }

    /// Whether `error` says the server could not be reached or went away (worth reconnecting and trying
    /// again), rather than that it refused the statement.
    static func isUnreachable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return true }  // NIO's refused, reset, timed out
        switch error.code {
        case .server:
            // Class 08 (connection exception), 57P01–57P03 (shutting down, cannot connect now), 53
            // (insufficient resources), and the retryable 40001/40P01.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("53")
                || state == "40001" || state == "40P01"
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown:
            return true
        default:
            return false
        }
    }
}

/// What happened to a PostgreSQL store's writes (`WriteRetry`), for the run to report and act on.
public enum StoreWriteEvent: Sendable {
    /// A write failed because the database cannot be reached and is being tried again (once per outage).
    case outage(StateStoreError)
    /// The writes went through again after an outage, which lasted this long.
    case recovered(Duration)
    /// The bound ran out: nothing more is written.
    case lost(StateStoreError)
}
