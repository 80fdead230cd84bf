import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Synchronization
import Testing

/// Resume through the runtime on each store backend: a run that failed part-way resumes from what the
/// store recorded — its succeeded steps and `for_each` elements are not called again.
@Suite(.timeLimit(.minutes(1))) struct RuntimeResumeTests {
    static let workflow = """
        name: durable
        steps:
          - id: tally
            count: { label: first }
          - id: each
            for_each: [0, 1, 2, 3]
            concurrency: 2
            count: { label: "e${{ item }}" }
          - id: gate
            assert: { that: "${{ env.READY == 'yes' }}", message: not ready }
          - id: last
            count: { label: last }

        """

    @Test(arguments: StoreBackend.all)
    func aFailedRunResumesWithoutCallingItsSucceededStepsAndElementsAgain(backend: StoreBackend) async throws {
        let fixture = try await RuntimeFixture(files: ["durable.yaml": Self.workflow], backend: backend)
        let pack = CountingPack()
        var request = fixture.request("durable.yaml")
        request.runID = "r-durable"
        #expect(try await fixture.runtime(packs: [pack]).run(request) == .failed)
        #expect(pack.calls.sorted() == ["e0", "e1", "e2", "e3", "first"])

        let resumed = try await fixture.runtime(packs: [pack], environment: ["READY": "yes"])
            .resume(ResumeRequest(runID: "r-durable", execution: fixture.request("")))
        #expect(resumed == .succeeded)
        #expect(pack.calls.sorted() == ["e0", "e1", "e2", "e3", "first", "last"], "each called once")
        let run = try await fixture.store().run("r-durable")
        #expect(run.summary.status == .succeeded)
        #expect(run.steps.map(\.status) == ["succeeded", "succeeded", "succeeded", "succeeded"])
    }
}

/// A pack with one action, `count`, that notes each call's `label`.
final class CountingPack: ActionPack {
    private let labels = Mutex<[String]>([])

    var name: String { "Counting" }
    var secretNames: [String] { [] }
    var actions: [any Action] { [CountAction(pack: self)] }
    var calls: [String] { labels.withLock { $0 } }

    func connect(_ request: PackConnectRequest) async throws(PackFailure) -> PackSession {
        PackSession(actions: actions)
    }

    func startSharedSandbox(stateDirectory: String) async throws(PackFailure) -> PackSandbox? { nil }

    fileprivate func note(_ label: String) { labels.withLock { $0.append(label) } }

    struct CountAction: Action {
        let pack: CountingPack

        var declaration: ActionDeclaration {
            ActionDeclaration(
                name: "count", summary: "Notes a call.",
                inputs: [InputSpec("label", .string, required: true, description: "What to note.")], changesState: true)
        }

        func run(_ input: JSON, context: ActionContext) async throws -> JSON {
            pack.note(input["label"]?.stringValue ?? "")
            return [:]
        }
    }
}
