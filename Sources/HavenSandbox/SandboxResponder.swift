import Hummingbird
import JSONValue
import NIOCore
import Timing

/// The request context: Hummingbird's, plus the connection, so that a fault can drop it.
struct SandboxContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// HTTP in front of the engine. Order: latency, body (413), parameters, key (2000/2002), route
/// (6000/6001), rate limit (4030), injected fault, the call, `reset@after`.
struct SandboxResponder: HTTPResponder {
    /// The connection was closed on purpose: there is no answer to write.
    private struct ConnectionDropped: Error {}

    let engine: SandboxEngine
    let faults: SandboxRandom
    let limiter: RateLimiter?
    let keys: Set<String>

    init(engine: SandboxEngine) {
        self.engine = engine
        let configuration = engine.configuration
        faults = SandboxRandom(seed: configuration.seed ?? UInt64.random(in: 0...UInt64.max))
        limiter = configuration.rateLimit.map { RateLimiter(rate: $0, now: configuration.now) }
        keys = Set(configuration.apiKeys)
    }

    func respond(to request: Request, context: SandboxContext) async throws -> Response {
        if let latency = engine.configuration.faults.latency {
            let low = latency.lowerBound.secondsValue
            let delay = low + (latency.upperBound.secondsValue - low) * faults.unit()
            try? await Task.sleep(for: .seconds(delay))
        }
        do {
            return SandboxResponder.response(try await answer(request, context), status: .ok)
        } catch let error as HavenError {
            return SandboxResponder.response(error.body, status: HTTPResponse.Status(code: error.status))
        } catch is ConnectionDropped {
            return Response(status: .ok)
        } catch {
            let failure = HavenError.backend("the sandbox failed: \(error)")
            return SandboxResponder.response(failure.body, status: .internalServerError)
        }
    }

    static func response(_ json: JSON, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: json.rendered())))
    }

    private func answer(_ request: Request, _ context: SandboxContext) async throws -> JSON {
        let configuration = engine.configuration
        var params = Parameters()
        if let query = request.uri.query { try FormDecoding.decode(query.utf8, into: &params) }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maxBodySize)
        } catch is NIOTooManyBytesError {
            throw HavenError.requestTooBig(configuration.maxBodySize)
        }
        if body.readableBytes > 0 { try SandboxResponder.decode(body, request.headers[.contentType] ?? "", &params) }

        guard let key = params.all("apikey").first else { throw HavenError.apiKeyRequired }
        guard keys.contains(key) else { throw HavenError.unknownAPIKey }
        let method = request.method
        let route = try SandboxRoute.match(
            path: request.uri.path, isGetOrPost: method == .get || method == .post, isPost: method == .post)
        if let limiter, !limiter.allow() { throw HavenError.tooManyRequests }

        let fault = engine.configuration.faults.entries.isEmpty ? nil : engine.configuration.faults.fault(for: faults.unit(), api: route.api)
        switch fault {
        case .status(let code)?: throw HavenError.injected(status: code)
        case .reset?:
            try? await context.channel.close()
            throw ConnectionDropped()
        case .resetAfter?, .jobFailure?, nil: break  // jobFailure is drawn per job action, not here
        }
        let result = try await dispatch(route, params, key: key)
        if fault == .resetAfter {
            try? await context.channel.close()
            throw ConnectionDropped()
        }
        return result
    }

    private func dispatch(_ route: SandboxRoute, _ params: Parameters, key: String) async throws -> JSON {
        let now = engine.configuration.now()
        switch route {
        case .api(let asynchronous, let name, let version):
            guard version == "v1", SandboxEngine.isKnown(name) else { throw HavenError.unknownAPI }
            let call = SandboxEngine.Call(api: name, params: params, key: key, now: now)
            return try asynchronous ? engine.submit(call) : engine.perform(call)
        case .batch:
            return try engine.submitBatch(params, key: key, now: now)
        case .jobStatus(let id):
            return try engine.job(id).envelope(at: now)
        case .jobResult(let id):
            let deadline = now + engine.configuration.resultTimeout.secondsValue
            while true {
                let job = try engine.job(id)
                let time = engine.configuration.now()
                if job.isDone(at: time) { return job.envelope(at: time) }
                if time >= deadline { throw HavenError.requestTookTooLong(id) }
                try await Task.sleep(for: .seconds(min(job.finishedAt, deadline) - time + 0.001))
            }
        }
    }

    private static func decode(_ body: ByteBuffer, _ contentType: String, _ params: inout Parameters) throws(HavenError) {
        let lower = contentType.lowercased()
        if lower.hasPrefix("multipart/form-data") {
            guard let boundary = Multipart.boundary(of: contentType) else {
                throw .invalidPost("the multipart content type has no boundary")
            }
            try Multipart.decode(Array(body.readableBytesView), boundary: boundary, into: &params)
        } else if lower.hasPrefix("application/json") {
            throw .invalidPost("send parameters in the query string, urlencoded or as a multipart form, not as JSON")
        } else {
            try FormDecoding.decode(body.readableBytesView, into: &params)
        }
    }
}
