import FlowCore
import Foundation
import HavenActions
import HavenClient
import HavenSandbox
import JSONValue
import Testing

/// A create whose answer is lost (the sandbox applies it, then drops the connection) is retried; the retry
/// hears "already exists" and must succeed when what exists is what was asked for.
@Suite(.timeLimit(.minutes(1))) struct ExactlyOnceTests {
    /// Runs `first` against a sandbox that applies every request and then drops the connection, and
    /// `second` against a clean sandbox on the same data (the state the first one left).
    func acrossALostAnswer(
        first: (ActionRunner) async throws -> Void, second: (ActionRunner, HavenSandbox) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("actions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("sandbox.sqlite").path
        let audit = directory.appendingPathComponent("audit.jsonl").path
        let lossy = SandboxConfiguration(
            seed: 1, faults: try FaultPlan(parsing: "reset@after=1.0"), auditFile: audit, dataFile: data)
        try await withActions(lossy) { actions, _ in try await first(actions) }
        let clean = SandboxConfiguration(seed: 1, auditFile: audit, dataFile: data)
        try await withActions(clean) { actions, sandbox in try await second(actions, sandbox) }
        let lines = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n")
        #expect(lines.filter { $0.contains("\"created\"") }.count == 1)
    }

    @Test func aCreateRetriedAfterALostAnswerSucceeds() async throws {
        try await acrossALostAnswer(
            first: { actions in
                let failure = try #require(await actions.failure("create-connector", webConnector("wiki")))
                #expect(failure.transient)
            },
            second: { actions, sandbox in
                let created = try await actions.run("create-connector", webConnector("wiki"), attempt: 2)
                #expect(
                    created == [
                        "connector": "wiki",
                        "message": "connector created (confirmed after an earlier attempt's answer was lost)",
                    ])
                #expect(sandbox.connectorNames() == ["wiki"])
            })
    }

    @Test func anIndexCreateRetriedAfterALostAnswerSucceeds() async throws {
        try await acrossALostAnswer(
            first: { actions in
                let failure = try #require(await actions.failure("create-index", ["index": "docs"]))
                #expect(failure.transient)
            },
            second: { actions, sandbox in
                let created = try await actions.run("create-index", ["index": "docs"], attempt: 2)
                #expect(created["index"] == "docs")
                #expect(sandbox.indexNames() == ["docs"])
            })
    }

    @Test func aDifferentExistingConnectorFailsTheRetry() async throws {
        try await withActions { actions, _ in
            _ = try await actions.run("create-connector", webConnector("wiki", url: "http://other.example"))
            let failure = try #require(
                await actions.failure("create-connector", webConnector("wiki"), attempt: 2))
            #expect(
                failure.message
                    == "connector 'wiki' already exists but its config differs from what this step asks, so an "
                    + "earlier attempt did not create it; delete it or choose another name")
            #expect(failure.code == "4005")
            #expect(!failure.transient)
        }
    }

    @Test func aDifferentExistingIndexFailsTheRetry() async throws {
        try await withActions { actions, _ in
            _ = try await actions.run("create-index", ["index": "docs", "flavor": "explorer"])
            let failure = try #require(await actions.failure("create-index", ["index": "docs"], attempt: 2))
            #expect(
                failure.message
                    == "index 'docs' already exists with flavor explorer, not standard, so an earlier attempt did "
                    + "not create it; delete it or choose another name")
        }
    }

    @Test(arguments: ["delete-connector", "delete-index"])
    func aDeleteRetriedAfterALostAnswerSucceeds(action: String) async throws {
        let key = action == "delete-connector" ? "connector" : "index"
        try await withActions { actions, _ in
            let first = try #require(await actions.failure(action, [key: "gone"]))
            #expect(first.code == "4005")
            let retried = try await actions.run(action, [key: "gone"], attempt: 2)
            #expect(retried == [key: "gone", "deleted": true])
        }
    }
}
