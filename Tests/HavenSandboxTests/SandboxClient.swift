import AsyncHTTPClient
import Foundation
import HavenSandbox
import JSONValue
import NIOCore
import NIOHTTP1

/// One answer: HTTP status and JSON body.
struct Reply: CustomStringConvertible {
    var status: Int
    var json: JSON
    var error: Int? { json["error"]?.intValue }
    var description: String { "\(status) \(json.rendered())" }
}

/// A running sandbox and a way to talk to it over real HTTP.
struct SandboxClient {
    let sandbox: HavenSandbox
    var key = "sandbox-key"

    /// Starts a sandbox, runs `body` against it, stops it.
    static func with<T>(_ configuration: SandboxConfiguration = SandboxConfiguration(seed: 7),
                        _ body: (SandboxClient) async throws -> T) async throws -> T
    {
        let sandbox = try await HavenSandbox.start(configuration)
        do {
            let result = try await body(SandboxClient(sandbox: sandbox))
            await sandbox.stop()
            return result
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func query(_ params: [(String, String)]) -> String {
        params.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// GET `/1/api/sync|async/API/v1?apikey=…&params`.
    func get(_ api: String, _ params: [(String, String)] = [], async isAsync: Bool = false) async throws -> Reply {
        let mode = isAsync ? "async" : "sync"
        return try await request("/1/api/\(mode)/\(api)/v1?" + SandboxClient.query([("apikey", key)] + params))
    }

    /// POST urlencoded to `/1/api/sync|async/API/v1`, apikey in the body.
    func post(_ api: String, _ params: [(String, String)] = [], async isAsync: Bool = false) async throws -> Reply {
        let mode = isAsync ? "async" : "sync"
        return try await request("/1/api/\(mode)/\(api)/v1", method: .POST,
                                 body: SandboxClient.query([("apikey", key)] + params),
                                 contentType: "application/x-www-form-urlencoded")
    }

    /// Any request; the path includes the query string.
    func request(_ path: String, method: HTTPMethod = .GET, body: String? = nil, contentType: String? = nil)
        async throws -> Reply
    {
        var request = HTTPClientRequest(url: sandbox.endpoint + path)
        request.method = method
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        let json = (try? JSON(parsing: Array(bytes.readableBytesView))) ?? .string(String(buffer: bytes))
        return Reply(status: Int(response.status.code), json: json)
    }

    /// Creates a web_cloud connector (or another flavor) and expects success.
    @discardableResult
    func createConnector(_ name: String, flavor: String = "web_cloud", extra: [(String, String)] = []) async throws -> Reply {
        try await get("createconnector", [
            ("connector", name), ("flavor", flavor), ("config", #"{"url":"http://example.com"}"#),
            ("destination", #"{"action":"addtotextindex","index":"idx"}"#),
        ] + extra)
    }

    /// Polls connectorstatus every 20 ms until it answers `status`; after `timeout`, fails with a sentence
    /// naming the connector, the status awaited and the last answer.
    func waitForStatus(_ connector: String, _ status: String, timeout: Duration = .seconds(10)) async throws -> Reply {
        let deadline = ContinuousClock.now + timeout
        var last = try await get("connectorstatus", [("connector", connector)])
        while last.json["status"]?.stringValue != status {
            guard ContinuousClock.now < deadline else {
                throw StatusNotReached(connector: connector, status: status, timeout: timeout, last: last)
            }
            try await Task.sleep(for: .milliseconds(20))
            last = try await get("connectorstatus", [("connector", connector)])
        }
        return last
    }
}

/// A connector that did not reach a status in time, as a sentence.
struct StatusNotReached: Error, CustomStringConvertible {
    var connector: String
    var status: String
    var timeout: Duration
    var last: Reply
    var description: String { "connector \(connector) was not \(status) after \(timeout); last answer: \(last)" }
}
