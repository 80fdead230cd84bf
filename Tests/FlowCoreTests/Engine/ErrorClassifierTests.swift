import Foundation
import JSONValue
import Testing

@testable import FlowCore

/// One place decides whether an action's error is worth another attempt, by the error's value.
@Suite struct ErrorClassifierTests {
    struct SaysTransient: Error, TransientCheckable, CustomStringConvertible {
        var isTransient: Bool
        var description: String { "says \(isTransient)" }
    }

    /// Names that used to decide (`…URLError`, `…TimeoutError`) no longer do.
    struct LookalikeURLError: Error {}
    struct ConnectionTimeoutError: Error {}

    @Test(arguments: [
        (SaysTransient(isTransient: true) as any Error, true),
        (SaysTransient(isTransient: false), false),
        (CancellationError(), true),
        (URLError(.timedOut), true),
        (URLError(.cannotConnectToHost), true),
        (POSIXError(.ECONNREFUSED), true),
        (POSIXError(.ECONNRESET), true),
        (POSIXError(.ETIMEDOUT), true),
        (POSIXError(.EPIPE), true),
        (POSIXError(.ENOENT), false),
        (NSError(domain: NSPOSIXErrorDomain, code: Int(ECONNABORTED)), true),
        (NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES)), false),
        (NSError(domain: NSURLErrorDomain, code: -1001), true),
        (NSError(domain: "Elsewhere", code: Int(ECONNRESET)), false),
        (LookalikeURLError(), false),
        (ConnectionTimeoutError(), false),
        (EvaluationError(message: "no", expression: "x"), false),
    ])
    func classifies(_ error: any Error, _ transient: Bool) {
        #expect(ErrorClassifier.isTransient(error) == transient)
    }

    @Test func stepErrorsCarryTheDecision() {
        let running = RunCancellation()
        let checkable = ErrorClassifier.stepError(
            for: SaysTransient(isTransient: true), step: "a", cancellation: running)
        #expect(checkable.message == "says true")
        #expect(checkable.transient)
        let failure = ErrorClassifier.stepError(
            for: ActionFailure("refused", code: "4030", transient: true), step: "a", cancellation: running)
        #expect((failure.message, failure.code, failure.transient) == ("refused", "4030", true))
        let cancelled = ErrorClassifier.stepError(for: CancellationError(), step: "a", cancellation: running)
        #expect((cancelled.message, cancelled.code, cancelled.transient) == (
            "step 'a': the action was cancelled", "cancelled", true))
        let plain = ErrorClassifier.stepError(for: LookalikeURLError(), step: "a", cancellation: running)
        #expect(!plain.transient)
    }

    @Test func aCancelledRunInterruptsInsteadOfRetrying() {
        let cancellation = RunCancellation()
        cancellation.cancel()
        let error = ErrorClassifier.stepError(for: CancellationError(), step: "a", cancellation: cancellation)
        #expect(error.message == "step 'a': interrupted (the action was cancelled)")
        #expect(error.code == "interrupted")
        #expect(!error.transient)
    }
}
