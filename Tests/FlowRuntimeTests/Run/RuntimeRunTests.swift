import FlowCore
import FlowRuntime
import Foundation
import JSONValue
import Testing

/// The run lifecycle in-process: what is recorded, locked, connected and closed, and the sentence and
/// kind of each way a run cannot start.
@Suite(.timeLimit(.minutes(1))) struct RuntimeRunTests {
    @Test(arguments: StoreBackend.all)
    func aRunIsRecordedItsLockReleasedAndEveryPackSessionClosed(backend: StoreBackend) async throws {
        let fixture = try await RuntimeFixture(files: ["hello.yaml": helloWorkflow], backend: backend)
        let pack = ProbePack()
        var request = fixture.request("hello.yaml")
        request.inputs = ["who": "operator"]
        request.target = .endpoint("http://127.0.0.1:9")
        let status = try await fixture.runtime(packs: [pack]).run(request)
        #expect(status == .succeeded)
        #expect(pack.connects.count == 1)
        #expect(pack.connects.first?.target == .endpoint("http://127.0.0.1:9"))
        #expect(pack.connects.first?.stateDirectory == fixture.stateDirectory)
        #expect(pack.closes == 1)
        let store = try fixture.store()
        let runs = try await store.runs(workflow: "hello", limit: nil)
        try #require(runs.count == 1)
        #expect(runs[0].status == .succeeded)
        #expect(try await store.run(runs[0].id).inputs == ["who": "operator"])
        #expect(try await store.lockHolder(workflow: "hello") == nil)
        let log = try String(contentsOfFile: StateDirectory(option: fixture.stateDirectory).runLogPath(runs[0].id), encoding: .utf8)
        let last = try JSON(parsing: try #require(log.split(separator: "\n").last.map(String.init)))
        #expect(last["event"] == "run_finished")
        #expect(last["status"] == "succeeded")
    }

    @Test(arguments: StoreBackend.all)
    func aPlanIsNeitherRecordedNorLocked(backend: StoreBackend) async throws {
        let fixture = try await RuntimeFixture(files: ["hello.yaml": helloWorkflow], backend: backend)
        let status = try await fixture.runtime().run(fixture.request("hello.yaml", dryRun: true))
        #expect(status == .succeeded)
        #expect(try await fixture.store().runs(workflow: nil, limit: nil).isEmpty)
    }

    @Test(arguments: StoreBackend.all)
    func aWorkflowLockedByAnotherLiveProcessIsLockedAndNothingRuns(backend: StoreBackend) async throws {
        let fixture = try await RuntimeFixture(files: ["hello.yaml": helloWorkflow], backend: backend)
        let holder = try await fixture.holdLock(workflow: "hello", runID: "r-other")
        do {
            _ = try await fixture.runtime().run(fixture.request("hello.yaml"))
            Issue.record("the run started although the lock is held")
        } catch {
            #expect(error.kind == .locked)
            #expect(
                error.message
                    == "workflow 'hello' is locked by \(holder); nothing ran. Wait for that run to end, or use --no-lock to run anyway")
        }
        #expect(try await fixture.store().runs(workflow: nil, limit: nil).isEmpty)
    }

    @Test(arguments: StoreBackend.all)
    func aPackThatCannotConnectStopsTheRunWithItsSentenceAndFreesTheLock(backend: StoreBackend) async throws {
        let fixture = try await RuntimeFixture(files: ["hello.yaml": helloWorkflow], backend: backend)
        let pack = ProbePack(failure: PackFailure(.configuration, "no Probe endpoint is configured"))
        do {
            _ = try await fixture.runtime(packs: [pack]).run(fixture.request("hello.yaml"))
            Issue.record("the run started without its pack")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message == "no Probe endpoint is configured")
        }
        let store = try fixture.store()
        #expect(try await store.lockHolder(workflow: "hello") == nil)
        #expect(try await store.runs(workflow: nil, limit: nil).isEmpty, "a run that could not start leaves no record")
    }

    @Test func aSecretSetNowhereIsAUsageErrorNamingIt() async throws {
        let fixture = try await RuntimeFixture(files: [
            "secret.yaml": "name: secret\nsteps:\n  - log: { message: \"${{ secrets.API_TOKEN }}\" }\n"
        ])
        do {
            _ = try await fixture.runtime().run(fixture.request("secret.yaml"))
            Issue.record("the run started without its secret")
        } catch {
            #expect(error.kind == .usage)
            #expect(
                error.message
                    == "the workflow uses secret 'API_TOKEN', set neither in a --secrets-file nor in the environment; nothing ran")
        }
    }

    @Test func aPackSecretComesFromTheSecretsFileAndIsMasked() async throws {
        let fixture = try await RuntimeFixture(files: ["hello.yaml": helloWorkflow, "secrets.env": "PROBE_TOKEN=tok-123\n"])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: fixture.path("secrets.env"))
        let pack = ProbePack()
        var request = fixture.request("hello.yaml")
        request.secretsFile = fixture.path("secrets.env")
        #expect(try await fixture.runtime(packs: [pack]).run(request) == .succeeded)
        #expect(pack.connects.first?.secrets == ["PROBE_TOKEN": "tok-123"])
    }

    @Test func anInvalidFileIsReportedWithItsDiagnosticsAndIsInvalid() async throws {
        let fixture = try await RuntimeFixture(files: ["bad.yaml": "name: bad\nsteps:\n  - lgo: { message: hi }\n"])
        do {
            _ = try await fixture.runtime().run(fixture.request("bad.yaml"))
            Issue.record("an invalid file ran")
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.alreadyReported)
        }
        let reported = fixture.reports.all.joined(separator: "\n")
        #expect(reported.contains("bad.yaml:3:5: error: "), "\(reported)")
    }

    @Test(arguments: StoreBackend.all)
    func resumingASucceededOrUnknownRunIsAUsageError(backend: StoreBackend) async throws {
        let fixture = try await RuntimeFixture(files: ["hello.yaml": helloWorkflow], backend: backend)
        let runtime = fixture.runtime()
        var request = fixture.request("hello.yaml")
        request.runID = "r-done"
        #expect(try await runtime.run(request) == .succeeded)
        for (runID, message) in [
            ("r-done", "run r-done succeeded; there is nothing to resume"),
            ("r-missing", "there is no run r-missing in the state database (`havenflow runs` lists the runs)"),
        ] {
            do {
                _ = try await runtime.resume(ResumeRequest(runID: runID, execution: fixture.request("")))
                Issue.record("\(runID) resumed")
            } catch {
                #expect(error.kind == .usage)
                #expect(error.message.hasPrefix(message), "\(error.message)")
            }
        }
    }
}
