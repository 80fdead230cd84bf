import FlowCore
import Testing

/// The engine and the actions together against a sandbox that loses answers: a third of all requests are
/// carried out and then answered with a dropped connection. Under `retry:` every create and delete must
/// succeed and take effect exactly once.
@Suite(.timeLimit(.minutes(1))) struct LossyWorkflowTests {
    static let workflow = """
        version: 1
        name: lossy
        vars:
          names: [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11]
        defaults:
          retry: { attempts: 10, delay: 1ms, jitter: false }
        steps:
        \(createEachStep("create"))
          - id: delete
            for_each: ${{ vars.names }}
            concurrency: 4
            delete-connector: { connector: "${{ item }}" }
        """

    @Test func everyChangeHappensExactlyOnce() async throws {
        let run = try await runAgainstSandbox(Self.workflow, faults: "reset@after=0.3")
        #expect(run.outcome.status == .succeeded, "\(run.outcome.error?.message ?? "")")
        // Some creates were retried after a lost answer (else the test proves nothing).
        let create = try #require(run.outcome.step("create"))
        #expect(create.attempts > 12)
        let names = (0..<12).map { "c\($0)" }
        #expect(run.audited("created").sorted() == names.sorted())
        #expect(run.audited("deleted").sorted() == names.sorted())
    }
}
