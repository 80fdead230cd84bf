import AsyncHTTPClient
import JSONValue
import Logging
import NIOCore
import NIOHTTP1

extension HavenClient {
    /// One logical call: the request, sent again after transient failures as ``RetryPolicy`` allows
    /// (every transient failure when `idempotent`, only throttling otherwise), within the call's deadline.
    func send(
        _ method: HTTPMethod, path: String, parameters: HavenParameters, api: String, idempotent: Bool,
        timeout: Duration? = nil, jobID: JobID? = nil
    ) async throws(HavenError) -> JSON {
        let deadline = configuration.deadline.map { ContinuousClock.now + $0 }
        var attempt = 1
        while true {
            do throws(HavenError) {
                return try await sendOnce(
                    method, path: path, parameters: parameters, api: api, timeout: timeout, deadline: deadline,
                    jobID: jobID, attempt: attempt)
            } catch {
                guard attempt < configuration.retry.attempts, idempotent ? error.isTransient : error.isThrottled
                else { throw error }
                let delay = configuration.delay(afterAttempt: attempt, retryAfter: error.retryAfter)
                if let deadline, ContinuousClock.now + delay >= deadline { throw error }
                logger.debug(
                    "haven retry",
                    metadata: ["api": "\(api)", "attempt": "\(attempt)", "delay_ms": "\(Int(delay.secondsValue * 1000))",
                               "error": "\(error)"])
                do { try await Task.sleep(for: delay) } catch { throw HavenError(kind: .cancelled, api: api) }
                attempt += 1
            }
        }
    }

    private func sendOnce(
        _ method: HTTPMethod, path: String, parameters: HavenParameters, api: String, timeout: Duration?,
        deadline: ContinuousClock.Instant?, jobID: JobID?, attempt: Int
    ) async throws(HavenError) -> JSON {
        if Task.isCancelled { throw HavenError(kind: .cancelled, api: api) }
        if let rateLimiter {
            do { try await rateLimiter.acquire() } catch { throw HavenError(kind: .cancelled, api: api) }
        }
        var limit = timeout ?? configuration.requestTimeout
        if let deadline { limit = min(limit, deadline - .now) }
        guard limit > .zero else { throw HavenError(kind: .timeout, api: api, waited: configuration.deadline) }

        let request = makeRequest(method, path: path, parameters: parameters)
        let started = ContinuousClock.now
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: ByteBuffer
        do {
            let response = try await httpClient.execute(request, deadline: .now() + limit.timeAmount)
            status = response.status
            headers = response.headers
            body = try await response.body.collect(upTo: configuration.maxResponseBytes)
        } catch {
            let failure = transportError(error, api: api, waited: limit)
            log(method, api: api, path: path, status: nil, started: started, attempt: attempt, error: failure)
            throw failure
        }
        do throws(HavenError) {
            let json = try interpret(status: status, headers: headers, body: body, api: api, jobID: jobID)
            log(method, api: api, path: path, status: status.code, started: started, attempt: attempt, error: nil)
            return json
        } catch {
            log(method, api: api, path: path, status: status.code, started: started, attempt: attempt, error: error)
            throw error
        }
    }

    /// Tells the observer, if any, of one request of `api` (`job status` reported as `jobstatus`).
    private func report(_ api: String, _ error: HavenError?, attempt: Int) {
        guard let observer else { return }
        let name = api.contains(" ") ? api.replacing(" ", with: "") : api
        observer(
            error.map { HavenRequestReport(api: name, error: $0, isRetry: attempt > 1) }
                ?? HavenRequestReport(api: name, outcome: "ok", isRetry: attempt > 1))
    }

    /// POST sends the parameters and the API key as a form body (multipart when a file is among them);
    /// GET sends them percent-encoded in the query.
    private func makeRequest(_ method: HTTPMethod, path: String, parameters: HavenParameters) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: endpoint + path)
        request.method = method
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: "Accept", value: "application/json")
        if method == .GET {
            request.url += "?" + parameters.formEncoded(apiKey: apiKey.value)
        } else if parameters.hasFile {
            let boundary = "HavenFlow-\(UInt64.random(in: 0...UInt64.max))-\(UInt64.random(in: 0...UInt64.max))"
            let bytes = parameters.multipartEncoded(apiKey: apiKey.value, boundary: boundary)
            request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
            request.body = .bytes(ByteBuffer(bytes: bytes))
        } else {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: parameters.formEncoded(apiKey: apiKey.value)))
        }
        return request
    }

    /// A 2xx JSON answer is the result, unless it is a bare Haven error; anything else becomes a HavenError.
    func interpret(
        status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer, api: String, jobID: JobID?
    ) throws(HavenError) -> JSON {
        let json = try? JSON(parsing: body.readableBytesView)
        if (200..<300).contains(status.code) {
            guard let json else {
                throw HavenError(
                    kind: .invalidResponse, api: api, httpStatus: Int(status.code), jobID: jobID,
                    message: "HTTP \(status.code) with a body that is not JSON (\(body.readableBytes) bytes)")
            }
            if json["actions"] == nil, json["error"]?.intValue != nil,
                let error = HavenError(body: json, api: api, httpStatus: Int(status.code), jobID: jobID)
            {
                throw apiKey.scrub(error)
            }
            return json
        }
        let retryAfter = headers.first(name: "Retry-After").flatMap { Int($0) }.map { Duration.seconds($0) }
        if let json, var error = HavenError(body: json, api: api, httpStatus: Int(status.code), jobID: jobID) {
            error.retryAfter = retryAfter
            throw apiKey.scrub(error)
        }
        throw HavenError(
            kind: .http, api: api, httpStatus: Int(status.code), jobID: jobID, message: status.reasonPhrase,
            retryAfter: retryAfter)
    }

    private func transportError(_ error: any Error, api: String, waited: Duration) -> HavenError {
        if error is CancellationError || (Task.isCancelled && (error as? HTTPClientError) == .cancelled) {
            return HavenError(kind: .cancelled, api: api)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout:
                return HavenError(kind: .timeout, api: api, waited: waited)
            case .invalidURL, .emptyHost, .emptyScheme:
                return HavenError(kind: .invalidRequest, api: api, message: "the endpoint '\(endpoint)' is not a URL")
            case .alreadyShutdown:
                return HavenError(kind: .invalidRequest, api: api, message: "the client was shut down")
            default: break
            }
        }
        if error is NIOTooManyBytesError {
            return HavenError(
                kind: .invalidResponse, api: api,
                message: "the answer is larger than \(configuration.maxResponseBytes) bytes")
        }
        return HavenError(kind: .connection, api: api, message: apiKey.scrub(String(describing: error)))
    }

    /// Logs one request (at debug level) and reports it to the observer, if any.
    private func log(
        _ method: HTTPMethod, api: String, path: String, status: UInt?, started: ContinuousClock.Instant,
        attempt: Int, error: HavenError?
    ) {
        report(api, error, attempt: attempt)
        logger.debug(
            "haven request",
            metadata: [
                "method": "\(method.rawValue)", "api": "\(api)", "path": "\(path)",
                "status": "\(status.map(String.init) ?? "-")",
                "duration_ms": "\((ContinuousClock.now - started).secondsValue * 1000)",
                "attempt": "\(attempt)",
                "error": "\(error.map(\.description) ?? "")",
            ])
    }
}
