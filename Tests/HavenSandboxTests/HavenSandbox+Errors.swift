import HavenSandbox
import JSONValue
import Testing

@Suite("Errors, keys and routes")
struct ErrorTests {
    @Test func missingKeyIs2000OnEveryRoute() async throws {
        try await SandboxClient.with { client in
            let paths = [
                "/1/api/sync/connectorstatus/v1?connector=a", "/1/api/async/connectorstatus/v1?connector=a",
                "/1/api/sync/deleteconnector/v1?connector=a", "/1/api/async/createconnector/v1?connector=a",
                "/1/job/status/w-eu_x", "/1/job/result/w-eu_x", "/nowhere",
            ]
            for path in paths {
                let reply = try await client.request(path)
                #expect(reply.status == 401)
                #expect(reply.json == ["error": 2000, "reason": "API key required", "detail": ["message": "an apikey parameter is required"]])
            }
            let batch = try await client.request("/1/job", method: .POST, body: "job={}", contentType: "application/x-www-form-urlencoded")
            #expect(batch.error == 2000)
            let post = try await client.request(
                "/1/api/async/deleteconnector/v1", method: .POST, body: "connector=a",
                contentType: "application/x-www-form-urlencoded")
            #expect(post.error == 2000)
        }
    }

    @Test func unknownKeyIs2002() async throws {
        try await SandboxClient.with { client in
            var stranger = client
            stranger.key = "not-a-key"
            let reply = try await stranger.get("listresources")
            #expect(reply.status == 401)
            #expect(reply.json["error"] == 2002)
            #expect(reply.json["reason"] == "Unknown API key")
        }
    }

    @Test func severalKeysAreAccepted() async throws {
        try await SandboxClient.with(SandboxConfiguration(apiKeys: ["k1", "k2"])) { client async throws in
            var second = client
            second.key = "k2"
            #expect(try await second.get("listresources").status == 200)
        }
    }

    @Test func unknownAPIIs4004() async throws {
        try await SandboxClient.with { client in
            let reply = try await client.get("makecoffee")
            #expect(reply.status == 404)
            #expect(reply.json == ["error": 4004, "reason": "Invalid job action", "detail": ["message": "API not found"]])
            let version = try await client.request("/1/api/sync/listresources/v9?apikey=sandbox-key")
            #expect(version.error == 4004)
        }
    }

    @Test func unknownPathIs6000AndWrongMethodIs405() async throws {
        try await SandboxClient.with { client in
            let path = try await client.request("/2/api/sync/listresources/v1?apikey=sandbox-key")
            #expect(path.status == 404)
            #expect(path.error == 6000)
            let method = try await client.request("/1/api/sync/listresources/v1?apikey=sandbox-key", method: .DELETE)
            #expect(method.status == 405)
            #expect(method.json["reason"] == "HTTP method not allowed")
            let batch = try await client.request("/1/job?apikey=sandbox-key")
            #expect(batch.status == 405)
        }
    }

    @Test func badJSONIs4010() async throws {
        try await SandboxClient.with { client in
            let reply = try await client.get("createconnector", [
                ("connector", "c"), ("flavor", "web_cloud"), ("config", "{not json"), ("destination", "{}"),
            ])
            #expect(reply.status == 400)
            #expect(reply.json["error"] == 4010)
            #expect(reply.json["reason"] == "Invalid JSON submitted")
            #expect(reply.json["detail"]?["param"] == "config")
        }
    }

    @Test func unknownJobIs3001() async throws {
        try await SandboxClient.with { client in
            let reply = try await client.request("/1/job/status/w-eu_nope?apikey=sandbox-key")
            #expect(reply.status == 404)
            #expect(reply.json == ["error": 3001, "reason": "Invalid job ID", "detail": ["message": "job not found", "jobID": "w-eu_nope"]])
        }
    }

    @Test func rateLimitIs4030With429() async throws {
        try await SandboxClient.with(SandboxConfiguration(rateLimit: 0.001)) { client in
            #expect(try await client.get("listresources").status == 200)
            let limited = try await client.get("listresources")
            #expect(limited.status == 429)
            #expect(limited.json == ["error": 4030, "reason": "Too many requests", "detail": ["message": "request rate limit reached"]])
        }
    }
}
