import JSONValue

/// One typed API call: its name, parameters, whether repeating it is harmless, and how to read its
/// result. Run it synchronously with ``HavenClient/perform(_:)``, submit it as a job with
/// ``HavenClient/submit(_:)``, or both at once with ``HavenClient/run(_:interval:timeout:)``.
///
/// ```swift
/// let status = try await client.perform(.connectorStatus("wiki"))
/// let job = try await client.submit(.createConnector(request))
/// ```
public struct HavenCall<Result: Sendable>: Sendable {
    /// The API name, e.g. `connectorstatus`.
    public var api: String
    public var version: String
    public var parameters: HavenParameters
    /// Whether sending the call twice has the effect of sending it once (reads): then the client retries
    /// it after any transient failure.
    public var isIdempotent: Bool
    /// Whether the result must be a JSON object (true for every typed call).
    public var expectsObject: Bool
    private let reader: @Sendable (JSON) -> Result

    /// A call whose result `reader` reads tolerantly from the answer (an object, when `expectsObject`).
    public init(
        api: String, version: String = "v1", parameters: HavenParameters, isIdempotent: Bool,
        expectsObject: Bool = true, reader: @escaping @Sendable (JSON) -> Result
    ) {
        self.api = api
        self.version = version
        self.parameters = parameters
        self.isIdempotent = isIdempotent
        self.expectsObject = expectsObject
        self.reader = reader
    }

    /// Reads the API's result (a sync answer, or a finished job action's `result`).
    public func result(from json: JSON) throws(HavenError) -> Result {
        if expectsObject, json.objectValue == nil {
            throw HavenError(kind: .invalidResponse, api: api, message: "expected an object, got \(json.typeName)")
        }
        return reader(json)
    }

    /// Reads the result of the job's first action; throws the job's error when it failed.
    public func result(of envelope: JobEnvelope) throws(HavenError) -> Result {
        if let error = envelope.firstError { throw error }
        guard let json = envelope.result else {
            throw HavenError(
                kind: .invalidResponse, api: api, jobID: envelope.jobID,
                message: "the job is \(envelope.status) and holds no result")
        }
        return try result(from: json)
    }
}

extension HavenCall where Result == JSON {
    /// Any API by name, its result as JSON.
    public static func named(
        _ name: String, _ parameters: HavenParameters = [:], version: String = "v1", isIdempotent: Bool = false
    ) -> HavenCall<JSON> {
        HavenCall(
            api: name, version: version, parameters: parameters, isIdempotent: isIdempotent, expectsObject: false
        ) { $0 }
    }
}
