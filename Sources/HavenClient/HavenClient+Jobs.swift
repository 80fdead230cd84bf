import JSONValue
import NIOHTTP1

extension HavenClient {
    /// The job's envelope now (`GET /1/job/status/<id>`), at any stage; retried on transient failures.
    /// A failed request throws an error about the request (its kind, with `jobID` set), never `.jobFailed`:
    /// the envelope of a failed job is returned like any other.
    public func jobStatus(_ job: JobID) async throws(HavenError) -> JobEnvelope {
        let json = try await send(
            .GET, path: "/1/job/status/\(segment(job.rawValue))", parameters: [:], api: "job status",
            idempotent: true, jobID: job)
        return try JobEnvelope(json: json, jobID: job)
    }

    /// The job's envelope once it ended (`GET /1/job/result/<id>`): the server holds the request until
    /// then or until its own limit (Haven 7000, HTTP 504), so this call may take up to `timeout`.
    /// Prefer ``waitForJob(_:interval:timeout:)``, which polls the status instead.
    public func jobResult(_ job: JobID, timeout: Duration = .seconds(90)) async throws(HavenError) -> JobEnvelope {
        let json = try await send(
            .GET, path: "/1/job/result/\(segment(job.rawValue))", parameters: [:], api: "job result",
            idempotent: true, timeout: timeout, jobID: job)
        return try JobEnvelope(json: json, jobID: job)
    }

    /// Polls the job's status until it ends: at once, then after `interval`, then at intervals growing by
    /// half each time up to 10 s. Returns the envelope of a finished job; throws the first error of a failed
    /// one (a ``HavenError`` of kind `.jobFailed` with the job's ID), `.jobTimeout` when `timeout` passes
    /// first, `.cancelled` as soon as the calling task is cancelled, and a poll's own failure (after the
    /// client's retries) as the request's error with the job's ID: asking failed, the job may be fine.
    public func waitForJob(
        _ job: JobID, interval: Duration = .milliseconds(250), timeout: Duration? = .seconds(600)
    ) async throws(HavenError) -> JobEnvelope {
        let started = ContinuousClock.now
        let limit = timeout.map { started + $0 }
        var pause = max(interval, .milliseconds(1))
        while true {
            let envelope = try await jobStatus(job)
            if envelope.status == .failed || envelope.actions.contains(where: { $0.status == .failed }) {
                throw apiKey.scrub(
                    envelope.firstError
                        ?? HavenError(
                            kind: .jobFailed, api: envelope.actions.first?.action, reason: "Job failed", jobID: job))
            }
            if envelope.status == .finished { return envelope }
            var sleep = pause
            if let limit {
                let left = limit - .now
                guard left > .zero else {
                    throw HavenError(
                        kind: .jobTimeout, api: envelope.actions.first?.action, jobID: job,
                        message: envelope.status.rawValue, waited: timeout)
                }
                sleep = min(sleep, left)
            }
            do { try await Task.sleep(for: sleep) } catch {
                throw HavenError(kind: .cancelled, api: envelope.actions.first?.action ?? "job wait", jobID: job)
            }
            pause = min(pause * 1.5, .seconds(10))
        }
    }
}
