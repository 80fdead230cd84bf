import FlowCore
import HavenClient
import JSONValue

/// The engine retries a failed attempt under `retry: {on: transient}` when its error says it is transient.
extension HavenError: TransientCheckable {}

extension ActionFailure {
    /// A Haven failure as the engine records it: the client's sentence, the Haven code (else the HTTP
    /// status) and `{error, reason, detail}` for the run log.
    init(_ error: HavenError, message: String? = nil) {
        var detail: [String: JSON] = [:]
        if let code = error.code { detail["error"] = .number(Double(code)) }
        if let reason = error.reason { detail["reason"] = .string(reason) }
        if let more = error.detail { detail["detail"] = more }
        if let job = error.jobID, !detail.isEmpty { detail["job_id"] = .string(job.rawValue) }
        self.init(
            message ?? error.description, code: (error.code ?? error.httpStatus).map(String.init),
            detail: detail.isEmpty ? nil : .object(detail), transient: error.isTransient)
    }
}

/// Runs `body`, turning a `HavenError` into an `ActionFailure` (other errors pass through).
func reportingHavenErrors<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as HavenError {
        throw ActionFailure(error)
    }
}

extension Optional where Wrapped == HavenConnection {
    /// The connection's client, or a failure saying that no endpoint was configured.
    func client() throws -> HavenClient {
        guard let connection = self else {
            throw ActionFailure(
                "no Haven endpoint configured: set haven.endpoint in the workflow, pass --endpoint or --sandbox, "
                    + "or set HAVEN_ENDPOINT")
        }
        return try connection.client()
    }
}
