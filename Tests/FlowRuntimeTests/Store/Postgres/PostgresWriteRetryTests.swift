import FlowCore
import FlowRuntime
import Foundation
import PostgresTesting
import Synchronization
import Testing

/// How the PostgreSQL store's records meet an unreachable database (`WriteRetry`): retried for the
/// bound, then lost for good with a sentence naming the database; a statement the server refuses is
/// not retried at all.
@Suite("PostgreSQL store: writes while the database is away", .serialized, .timeLimit(.minutes(1)))
struct PostgresWriteRetryTests {
    static let server = Task { try await PostgresServer.dedicated() }

    static func started(_ runID: String, step: String) -> RunEvent {
        RunEvent(runID: runID, kind: .stepStarted(step: step, action: "log", name: nil, items: nil))
    }

    @Test func aStatementTheServerRefusesIsReportedAtOnceNotRetried() async throws {
        let url = try PostgresServer.shared().freshURL()
        let store = try PostgresStateStore(address: PostgresAddress(url: url, environment: [:]))
        try await store.connect()
        store.recordSynchronously(Self.started("no-such-run", step: "a"))
        #expect(store.writesLost == nil)
        #expect(store.recordingErrors.count == 1)
        #expect(store.recordingErrors.first?.contains("violates foreign key constraint") == true, "\(store.recordingErrors)")
        await store.close()
    }

    @Test func pastTheBoundTheWritesAreLostWithASentenceAndLaterOnesFailAtOnce() async throws {
        let server = try await Self.server.value
        let url = try server.freshURL()
        let store = try PostgresStateStore(address: PostgresAddress(url: url, environment: [:]), writeRetry: .milliseconds(300))
        try await store.connect()
        try await store.register(RunRegistration(id: "r", workflow: "w", file: "w.yaml", fileHash: "", stepKeys: ["before", "during", "after"]))
        let heard = Mutex<[String]>([])
        store.whenWritesFail { event in
            heard.withLock {
                switch event {
                case .outage: $0.append("outage")
                case .recovered: $0.append("recovered")
                case .lost: $0.append("lost")
                }
            }
        }
        store.recordSynchronously(Self.started("r", step: "before"))
        try await server.stop()
        store.recordSynchronously(Self.started("r", step: "during"))
        try await server.start()
        store.recordSynchronously(Self.started("r", step: "after"))

        let sentence = "the state database \(url) could not be written for 300 ms: cannot connect: connection refused (errno 111)"
        #expect(store.writesLost?.description == sentence)
        #expect(heard.withLock { $0 } == ["outage", "lost"])
        // (The events' copy, written behind, may have failed with the same sentence too.)
        let records = store.recordingErrors.filter { !$0.hasPrefix("events: ") }
        #expect(records == ["step_started: \(sentence)", "step_started: \(sentence)"])
        // The database is back, but this store records nothing more: its run has stopped.
        let reader = try PostgresStateStore(address: PostgresAddress(url: url, environment: [:]))
        #expect(try await reader.run("r").steps.map(\.key) == ["before"])
        await reader.close()
    }
}
