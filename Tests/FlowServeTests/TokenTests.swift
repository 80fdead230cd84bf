import FlowRuntime
import FlowServe
import Foundation
import Testing

/// The token rule: an address other hosts can reach needs a bearer token, checked on every request.
@Suite("Serve token", .timeLimit(.minutes(1)))
struct TokenTests {
    static let token = "c2VydmUtdG9rZW4tZm9yLXRlc3Rz"

    @Test func aReachableAddressWithoutATokenIsRefusedWithASentence() async throws {
        let fixture = try await ServeFixture()
        for host in ["0.0.0.0", "::", "192.168.1.20"] {
            do {
                let server = try await fixture.serve(ServeConfiguration(host: host, port: 0))
                await server.stop()
                Issue.record("\(host) was served without a token")
            } catch let error as RuntimeError {
                #expect(error.kind == .invalid)  // exit status 2
                #expect(error.message.contains("binding \(host), which other hosts can reach, needs a bearer token"))
            }
        }
        await fixture.close()
    }

    @Test func loopbackAddressesNeedNoToken() {
        for host in ["127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]"] {
            #expect(ServeConfiguration(host: host).bindsLoopback, "\(host)")
        }
        for host in ["0.0.0.0", "::", "10.0.0.1", "127.0.0", "example.com", "1270.0.0.1"] {
            #expect(!ServeConfiguration(host: host).bindsLoopback, "\(host)")
        }
    }

    @Test func everyRequestNeedsTheRightBearerToken() async throws {
        let fixture = try await ServeFixture()
        let token = try ServeToken(Self.token, source: "the test")
        let server = try await fixture.serve(ServeConfiguration(host: "0.0.0.0", port: 0, token: token))
        for path in ["/", "/healthz", "/api/runs", "/runs/none", "/assets/serve.css"] {
            #expect(try await fetch(server, path).status == 401, "\(path)")
            #expect(try await fetch(server, path, headers: ["Authorization": "Bearer wrong-token-of-some-length"]).status == 401)
            #expect(try await fetch(server, path, headers: ["Authorization": "Bearer \(Self.token)x"]).status == 401)
            #expect(try await fetch(server, path, headers: ["Authorization": "Bearer " + Self.token.dropLast()]).status == 401)
            #expect(try await fetch(server, path, headers: ["Authorization": Self.token]).status == 401)
        }
        let refused = try await fetch(server, "/api/runs")
        #expect(refused.header("WWW-Authenticate") == "Bearer")
        #expect(!refused.body.contains(Self.token))
        #expect(try await fetch(server, "/healthz", headers: ["Authorization": "Bearer \(Self.token)"]).status == 200)
        #expect(try await fetch(server, "/api/runs", headers: ["Authorization": "Bearer \(Self.token)"]).status == 200)
        #expect(try await fetch(server, "/runs/none", headers: ["Authorization": "Bearer \(Self.token)"]).status == 404)
        await server.stop()
        await fixture.close()
    }

    @Test func theTokenComesFromTheTokenFileElseTheSecretsFile() async throws {
        let fixture = try await ServeFixture(secrets: [ServeToken.secretName: Self.token])
        try "\(Self.token)\n".write(toFile: fixture.path("token"), atomically: true, encoding: .utf8)
        let fromFile = try #require(try ServeToken.resolve(tokenFile: fixture.path("token"), secretsFile: nil))
        let fromSecrets = try #require(try ServeToken.resolve(tokenFile: nil, secretsFile: fixture.path("secrets.env")))
        let server = try await fixture.serve(ServeConfiguration(port: 0, token: fromFile))
        #expect(try await fetch(server, "/healthz", headers: ["Authorization": "Bearer \(Self.token)"]).status == 200)
        await server.stop()
        let second = try await fixture.serve(ServeConfiguration(port: 0, token: fromSecrets))
        #expect(try await fetch(second, "/healthz", headers: ["Authorization": "Bearer \(Self.token)"]).status == 200)
        #expect(try await fetch(second, "/healthz").status == 401)
        await second.stop()
        #expect(try ServeToken.resolve(tokenFile: nil, secretsFile: nil) == nil)
        try "short\n".write(toFile: fixture.path("short"), atomically: true, encoding: .utf8)
        #expect(throws: RuntimeError.self) { try ServeToken.resolve(tokenFile: fixture.path("short"), secretsFile: nil) }
        await fixture.close()
    }
}
