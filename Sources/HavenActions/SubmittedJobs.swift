import FlowCore
import HavenClient
import JSONValue
import Synchronization

/// The `wait: true` form of a changing action's `async: true`: the call is submitted as a job, the job is
/// waited for, and the step gets what the synchronous call returns plus `job_id`. How the wait ends
/// decides what the step's `retry` does:
///
/// - the job finished: its result;
/// - the job ended failed with Haven 5000–5007 or 7000: a transient failure with the job's own sentence,
///   so `retry` runs the action again, which submits the job again under the action's exactly-once rules;
/// - the job ended failed with another error: a failure that is not transient, nothing submitted again;
/// - asking about the job failed (a poll's 503, a reset): transient by the usual rules, and the job is
///   remembered for the step (or element), so the retry waits for the same job instead of submitting
///   another one.
final class SubmittedJobs: Sendable {
    /// The job submitted by an earlier attempt whose end this action has not seen.
    private let pending = Mutex<[AttemptKey: JobID]>([:])

    /// Waits for the job an earlier attempt submitted, if there is one and it did not end failed
    /// transiently; else submits `call` and waits for it. Throws the job's own error (`.jobFailed`) or the
    /// failed request's.
    func run(_ call: HavenCall<JSON>, client: HavenClient, context: ActionContext) async throws(HavenError)
        -> (result: JSON, job: JobID)
    {
        let key = AttemptKey(context)
        if let earlier = pending.withLock({ $0[key] }) {
            do throws(HavenError) {
                return (try await wait(for: earlier, call, client: client, key: key), earlier)
            } catch where error.isTransientJobFailure {
                // The earlier job ended failed and may pass when submitted again: fall through.
            }
        }
        let job = try await client.submit(call)
        pending.withLock { $0[key] = job }
        return (try await wait(for: job, call, client: client, key: key), job)
    }

    /// The job's result once it finished; a job that ended (finished or failed) is forgotten, one whose
    /// poll failed is kept for the retry.
    private func wait(for job: JobID, _ call: HavenCall<JSON>, client: HavenClient, key: AttemptKey)
        async throws(HavenError) -> JSON
    {
        let envelope: JobEnvelope
        do throws(HavenError) {
            envelope = try await client.waitForJob(job)
        } catch {
            if error.kind == .jobFailed { pending.withLock { $0[key] = nil } }
            throw error
        }
        pending.withLock { $0[key] = nil }
        return try call.result(of: envelope)
    }
}

extension SubmittedJobs {
    /// A create in the `wait: true` form: the job's result plus `job_id`; on a retry (`context.isRetry`: attempt > 1, or resumed after a kill) whose job
    /// ends failed with "already exists", `confirm` checks that what exists is what was asked (it throws
    /// when not) and `confirmed` is returned with a null `job_id`: an earlier attempt created it.
    func create(
        _ call: HavenCall<JSON>, client: HavenClient, context: ActionContext, confirmed: JSON,
        confirm: (HavenError) async throws -> Void
    ) async throws -> JSON {
        try await reportingJobErrors {
            do {
                let (result, job) = try await run(call, client: client, context: context)
                return result.addingJobID(job)
            } catch let error as HavenError where error.isAlreadyExists && context.isRetry {
                try await confirm(error)
                return confirmed.addingJobID(nil)
            }
        }
    }
}

extension ActionInputs {
    /// `async: true` with `wait: true`: submit, wait and return the synchronous outputs plus `job_id`.
    var submitsAndWaits: Bool { bool("async") && bool("wait") }
}

/// Runs `body` of a `wait: true` action, turning a `HavenError` into an `ActionFailure`: a job that ended
/// failed with a transient code (``HavenError/isTransientJobFailure``) is transient here, since the
/// step's `retry` submits it again.
func reportingJobErrors<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as HavenError {
        var failure = ActionFailure(error)
        if error.isTransientJobFailure { failure.transient = true }
        throw failure
    }
}

extension JSON {
    /// A finished job's result with its `job_id` added (a result that is not an object goes under `result`);
    /// `nil`: a null `job_id`, for a result confirmed without a finished job.
    func addingJobID(_ job: JobID?) -> JSON {
        let id = job.map { JSON.string($0.rawValue) } ?? .null
        guard var members = objectValue else { return ["result": self, "job_id": id] }
        members["job_id"] = id
        return .object(members)
    }
}
