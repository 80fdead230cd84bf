import Foundation
import JSONValue
import PostgresTesting
import Testing

/// A PostgreSQL store over TLS (docs/operations.md): a server with `ssl = on` and a self-signed
/// certificate that accepts TCP connections over TLS only; `sslmode=require` runs a workflow and
/// `store status` reads it; a plain connection is refused there, and `sslmode=require` against a server
/// without TLS fails with a sentence saying so.
@Suite(.serialized, .timeLimit(.minutes(2))) struct PostgresTLSTests {
    static let server = Task {
        let server = try await PostgresServer.dedicated()
        try await server.enableTLS()
        return server
    }

    static let hello = "name: hello\nsteps:\n  - id: greet\n    log: { message: hello }\n"

    @Test func sslmodeRequireRunsAWorkflowAndStoreStatusReadsIt() async throws {
        let server = try await Self.server.value
        let url = server.url(try server.createDatabase()).replacingOccurrences(of: "sslmode=disable", with: "sslmode=require")
        let folder = try HavenflowProcess.folder(with: ["hello.yaml": Self.hello])

        let run = try await HavenflowProcess.run(["run", "hello.yaml", "--state-dir", "state", "--store", url], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let status = try await HavenflowProcess.run(["store", "status", "--json", "--store", url], in: folder)
        #expect(status.status == 0, "\(status.stderr)")
        let json = try JSON(parsing: status.stdout)
        #expect(json["backend"] == "postgresql")
        #expect(json["location"]?.stringValue == url)
        #expect(json["runs_by_status"] == ["succeeded": 1])

        // The server takes TLS connections only: the same store without TLS is refused.
        let plain = url.replacingOccurrences(of: "sslmode=require", with: "sslmode=disable")
        let refused = try await HavenflowProcess.run(["store", "status", "--store", plain], in: folder)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("no encryption"), "\(refused.stderr)")
    }

    @Test func sslmodeRequireAgainstAServerWithoutTLSFailsWithASentence() async throws {
        let url = try PostgresServer.shared().freshURL().replacingOccurrences(of: "sslmode=disable", with: "sslmode=require")
        let folder = try HavenflowProcess.folder(with: ["hello.yaml": Self.hello])
        let run = try await HavenflowProcess.run(["run", "hello.yaml", "--state-dir", "state", "--store", url], in: folder)
        #expect(run.status != 0)
        #expect(
            run.stderr.contains("\(url): the server does not accept TLS connections, which the URL's sslmode asks for"),
            "\(run.stderr)")
        #expect(!run.stderr.contains("greet"), "nothing ran")
    }
}
