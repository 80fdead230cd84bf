import Foundation
import JSONValue

/// Turns whatever an action threw into a `StepError`, deciding whether it is transient.
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
        case let checkable as any TransientCheckable:
            return StepError(String(describing: checkable), transient: checkable.isTransient)
        case is CancellationError:
            return StepError("step '\(step)': the action was cancelled", code: "cancelled", transient: true)
        default:
            return StepError(String(describing: error), transient: isTransient(error))
        }
    }

    /// Network-level failures (URL loading errors, refused or reset connections, timeouts) are transient.
    static func isTransient(_ error: any Error) -> Bool {
        let typeName = String(reflecting: type(of: error))
        if typeName.hasSuffix("URLError") || typeName.contains("TimeoutError") { return true }
        let nsError = error as NSError
        if nsError.domain == NSURLErrorDomain { return true }
        if nsError.domain == NSPOSIXErrorDomain {
            let transientCodes: Set<Int32> = [
                ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE, ENETUNREACH, EHOSTUNREACH, ECONNABORTED,
            ]
            return transientCodes.contains(Int32(nsError.code))
        }
        return false
    }
}
