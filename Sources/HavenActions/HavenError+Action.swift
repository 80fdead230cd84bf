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

    /// A failure of a Haven pack action, its detail under `haven` in the run log (docs/run-log.md).
    init(_ message: String, code: String? = nil, detail: JSON?, transient: Bool = false) {
        self.init(message, code: code, detail: detail.map { FailureDetail.haven($0, code: code) }, transient: transient)
    }
}

extension FailureDetail {
    /// `value` under the Haven pack's key; on the console, "Haven error N" (the Haven code, else `code`)
    /// and the reason, when `value` is an object.
    static func haven(_ value: JSON, code: String?) -> FailureDetail {
        var notes: [String] = []
        if let object = value.objectValue {
            let number = object["error"].map(\.interpolated) ?? code
            notes = [number.map { "Haven error \($0)" }, object["reason"]?.stringValue].compactMap { $0 }
        }
        return FailureDetail(key: HavenPack.block.key, value: value, notes: notes)
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
    /// The connection's client reporting its requests to `context.calls` (``HavenConnection/client(for:)``),
    /// or a failure saying that no endpoint was configured.
    func client(for context: ActionContext) throws -> HavenClient {
        guard let connection = self else {
            throw ActionFailure(
                "no Haven endpoint configured: set haven.endpoint in the workflow, pass --endpoint or --sandbox, "
                    + "or set HAVEN_ENDPOINT")
        }
        return try connection.client(for: context)
    }
}
