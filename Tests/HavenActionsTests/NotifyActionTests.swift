import FlowCore
import Foundation
import HavenActions
import Hummingbird
import JSONValue
import TestWebhook
import Testing

@Suite(.timeLimit(.minutes(1))) struct NotifyActionTests {
    let actions = ActionRunner(connection: nil)

    @Test func postsToAWebhook() async throws {
        try await withWebhook(status: .ok) { url, received in
            let output = try await actions.run(
                "notify", ["webhook": .string(url), "message": "done", "title": "nightly", "level": "warning"])
            #expect(output == ["delivered": ["webhook"]])
            #expect(
                received() == [
                    [
                        "text": "done", "title": "nightly", "level": "warning", "workflow": "test", "run_id": "run-1",
                        "status": "succeeded",
                    ]
                ])
        }
    }

    @Test func aWebhookAnswering500FailsTheStep() async throws {
        try await withWebhook(status: .internalServerError) { url, received in
            let failure = try #require(await actions.failure("notify", ["webhook": .string(url), "message": "done"]))
            #expect(failure.message == "notify failed: the webhook answered HTTP 500 Internal Server Error")
            #expect(failure.code == nil)
            #expect(failure.transient)
            #expect(!failure.message.contains("hook-secret"))
            #expect(received().count == 1)
        }
    }

    @Test func appendsOneJSONLinePerNotification() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)/log.jsonl")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        for message in ["one", "two"] {
            let output = try await actions.run("notify", ["file": .string(file.path), "message": .string(message)])
            #expect(output == ["delivered": ["file"]])
        }
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
            try JSON(parsing: String($0))
        }
        #expect(lines.map { $0["text"] } == ["one", "two"])
        #expect(lines.first?["level"] == "info")
    }

    @Test func printsAndMasks() async throws {
        let output = try await actions.run(
            "notify", ["stdout": true, "message": "token hook-secret used", "title": "t"])
        #expect(output == ["delivered": ["stdout"]])
        #expect(actions.printed.all == ["[info] t: token **** used"])
    }

    @Test func needsSomewhereToSend() async throws {
        let failure = try #require(await actions.failure("notify", ["message": "x"]))
        #expect(failure.message == "notify needs at least one of 'webhook', 'file' or 'stdout: true'")
    }

    @Test func underDryRunNothingIsSent() async throws {
        try await withWebhook(status: .ok) { url, received in
            let output = try await actions.run(
                "notify", ["webhook": .string(url), "stdout": true, "message": "done"], dryRun: true)
            #expect(output == ["delivered": []])
            #expect(received().isEmpty)
            #expect(actions.printed.all == ["would notify POST webhook ****, print: done"])
        }
    }
}
