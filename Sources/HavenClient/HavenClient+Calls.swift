import JSONValue
import NIOHTTP1

extension HavenClient {
    /// Calls `api` synchronously (`POST /1/api/sync/<api>/<version>`) and returns its result.
    /// Pass `idempotent: true` for reads, so that transient failures are retried.
    public func call(
        api: String, params: HavenParameters = [:], version: String = "v1", idempotent: Bool = false
    ) async throws(HavenError) -> JSON {
        try await send(
            .POST, path: "/1/api/sync/\(segment(api))/\(segment(version))", parameters: params, api: api,
            idempotent: idempotent)
    }

    /// Submits `api` as an asynchronous job (`POST /1/api/async/<api>/<version>`) and returns its ID.
    /// A submission is retried only when throttled: each accepted one starts a job.
    public func submit(api: String, params: HavenParameters = [:], version: String = "v1") async throws(HavenError)
        -> JobID
    {
        let answer = try await send(
            .POST, path: "/1/api/async/\(segment(api))/\(segment(version))", parameters: params, api: api,
            idempotent: false)
        guard let id = answer["jobID"]?.stringValue else {
            throw HavenError(kind: .invalidResponse, api: api, message: "the answer has no jobID")
        }
        return JobID(rawValue: id)
    }

    /// Runs a typed call synchronously.
    public func perform<Result>(_ call: HavenCall<Result>) async throws(HavenError) -> Result {
        let json = try await send(
            .POST, path: "/1/api/sync/\(segment(call.api))/\(segment(call.version))", parameters: call.parameters,
            api: call.api, idempotent: call.isIdempotent)
        return try call.result(from: json)
    }

    /// Submits a typed call as a job; read its result later with `call.result(of: envelope)`.
    public func submit<Result>(_ call: HavenCall<Result>) async throws(HavenError) -> JobID {
        try await submit(api: call.api, params: call.parameters, version: call.version)
    }

    /// Submits a typed call as a job, waits for it (``waitForJob(_:interval:timeout:)``) and reads its result.
    public func run<Result>(
        _ call: HavenCall<Result>, interval: Duration = .milliseconds(250), timeout: Duration? = .seconds(600)
    ) async throws(HavenError) -> Result {
        let job = try await submit(call)
        let envelope = try await waitForJob(job, interval: interval, timeout: timeout)
        return try call.result(of: envelope)
    }

    func segment(_ text: String) -> String { HavenParameters.percentEncoded(text) }
}
