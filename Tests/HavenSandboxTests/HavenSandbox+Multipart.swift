import HavenSandbox
import JSONValue
import Testing

@Suite("Request formats")
struct MultipartTests {
    /// The official Swift client's body: `Boundary--UUID`, parts, and a last `--BOUNDARY\r\n` with no `--`.
    static func swiftClientBody(_ params: [(String, String)], boundary: String) -> String {
        var body = ""
        for (key, value) in params {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n"
        }
        return body + "--\(boundary)\r\n"
    }

    @Test(arguments: [false, true])
    func officialSwiftClientMultipartIsUnderstood(closed: Bool) async throws {
        try await SandboxClient.with { client in
            let boundary = "Boundary--5F1A2B3C-0000-4000-8000-123456789ABC"
            var body = MultipartTests.swiftClientBody([
                ("apikey", "sandbox-key"), ("connector", "mp"), ("flavor", "web_cloud"),
                ("config", #"{"url":"http://example.com"}"#), ("destination", #"{"action":"addtotextindex","index":"i"}"#),
            ], boundary: boundary)
            if closed { body = String(body.dropLast()) + "--\r\n" }  // "\r\n" is one Character
            let reply = try await client.request("/1/api/sync/createconnector/v1", method: .POST, body: body,
                                                 contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(reply.json == ["connector": "mp", "message": "connector created"])
        }
    }

    @Test func fileAndRepeatedParts() async throws {
        try await SandboxClient.with { client in
            try await client.createConnector("c1")
            _ = try await client.get("createtextindex", [("index", "i1"), ("flavor", "standard")])
            let body = "--xyz\r\nContent-Disposition: form-data; name=\"apikey\"\r\n\r\nsandbox-key\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nconnector\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\ncontent\r\n"
                + "--xyz\r\nContent-Disposition: form-data; filename=\"a.txt\"; name=\"file\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--xyz--\r\n"
            let reply = try await client.request("/1/api/sync/listresources/v1", method: .POST, body: body,
                                                 contentType: "multipart/form-data; boundary=\"xyz\"")
            #expect(reply.json["private_resources"]?.arrayValue?.count == 2)
        }
    }

    @Test func queryAndBodyAreMerged() async throws {
        try await SandboxClient.with { client in
            let reply = try await client.request(
                "/1/api/sync/createtextindex/v1?apikey=sandbox-key&index=merged", method: .POST, body: "flavor=standard",
                contentType: "application/x-www-form-urlencoded")
            #expect(reply.json == ["index": "merged", "message": "index created"])
        }
    }

    @Test func swiftClientQueryWithUnescapedCharacters() async throws {
        try await SandboxClient.with { client in
            // URLHostAllowedCharacterSet leaves , : " and friends unescaped; spaces as %20.
            let reply = try await client.request(
                "/1/api/sync/createconnector/v1?apikey=sandbox-key&connector=q1&flavor=web_cloud"
                    + "&config=%7B%22url%22:%22http://a.com%22,%22max_pages%22:10%7D&destination=%7B%7D")
            #expect(reply.json == ["connector": "q1", "message": "connector created"])
            let config = try await client.get("retrieveconfig", [("connector", "q1")])
            #expect(config.json["config"]?["config"] == ["url": "http://a.com", "max_pages": 10])
        }
    }

    @Test func malformedMultipartIs7005() async throws {
        try await SandboxClient.with { client in
            let reply = try await client.request("/1/api/sync/listresources/v1?apikey=sandbox-key", method: .POST,
                                                 body: "--b\r\nno headers end", contentType: "multipart/form-data; boundary=b")
            #expect(reply.status == 400)
            #expect(reply.json["error"] == 7005)
        }
    }
}
