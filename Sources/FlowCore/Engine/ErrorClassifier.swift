import Foundation
import JSONValue

/// Turns whatever an action threw into a `StepError`, and decides — here only — whether it is transient.
enum ErrorClassifier {
    static func stepError(for error: any Error, step: String, cancellation: RunCancellation) -> StepError {
        if error is CancellationError || Task.isCancelled, cancellation.isCancelled {
            var interrupted = StepError("step '\(step)': interrupted (the action was cancelled)", code: "interrupted")
            interrupted.interrupted = true
            return interrupted
        }
        switch error {
        case let failure as ActionFailure:
            return StepError(failure.message, code: failure.code, detail: failure.detail, transient: failure.transient)
        case let stepError as StepError:
            return stepError
        case let evaluation as EvaluationError:
            return StepError("step '\(step)': \(evaluation)")
        case is CancellationError:
            return StepError("step '\(step)': the action was cancelled", code: "cancelled", transient: isTransient(error))
        default:
            return StepError(String(describing: error), transient: isTransient(error))
        }
    }

    /// Whether retrying may help, decided by the error's value: what the error says of itself
    /// (`TransientCheckable`, such as a pack client's errors by their kind), a cancelled action, URL
    /// loading errors, and refused, reset or timed-out connections (POSIX codes); nothing else.
    static func isTransient(_ error: any Error) -> Bool {
        switch error {
        case let checkable as any TransientCheckable:
            return checkable.isTransient
        case is CancellationError, is URLError:
            return true
        case let posix as POSIXError:
            return transientPOSIXCodes.contains(posix.code.rawValue)
        default:
            let nsError = error as NSError
            if nsError.domain == NSURLErrorDomain { return true }
            return nsError.domain == NSPOSIXErrorDomain && transientPOSIXCodes.contains(Int32(nsError.code))
        }
    }

    /// Connection failures worth another attempt.
    static let transientPOSIXCodes: Set<Int32> = [
        ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE, ENETUNREACH, EHOSTUNREACH, ECONNABORTED,
    ]
}
