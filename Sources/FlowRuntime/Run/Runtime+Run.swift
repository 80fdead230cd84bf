import FlowCore
import Foundation
import JSONValue

extension Runtime {
    /// `havenflow run` / `plan`: runs the workflow file and returns how the run ended.
    public func run(_ request: RunRequest) async throws(RuntimeError) -> RunStatus {
        let registry = registry(forWorkflowAt: request.file)
        let workflow = try load(file: request.file, registry: registry)
        let state = StateDirectory(option: request.stateDirectory, secretsFile: request.secretsFile, environment: environment)
        try state.create()
        let store = request.dryRun ? nil : try state.openStore()
        let inputs: [String: JSON]
        do {
            inputs = try InputBinder.bind(declarations: workflow.inputs, raw: request.inputs)
        } catch {
            throw RuntimeError(.usage, error.description)
        }
        let run = WorkflowRun(
            runtime: self, request: request, workflow: workflow, registry: registry, inputs: inputs,
            runID: request.runID ?? RunID.make(), state: state, store: store)
        return try await run.execute()
    }

    /// `havenflow resume RUN_ID`: continues a failed or interrupted run with its recorded file and inputs,
    /// under the same run id, appending to its log; succeeded steps and elements are not run again.
    public func resume(_ request: ResumeRequest) async throws(RuntimeError) -> RunStatus {
        let state = StateDirectory(
            option: request.execution.stateDirectory, secretsFile: request.execution.secretsFile, environment: environment)
        let store = try state.openStore()
        let record = try await storeCall { () async throws(StateStoreError) in try await store.run(request.runID) }
        let summary = record.summary
        switch summary.status {
        case .succeeded:
            throw RuntimeError(.usage, "run \(summary.id) succeeded; there is nothing to resume")
        case .running:
            throw RuntimeError(
                .locked,
                "run \(summary.id) is still running (pid \(summary.pid) on \(summary.host)); stop it first, "
                    + "or wait for it to end")
        case .failed, .interrupted:
            break
        }
        var execution = request.execution
        execution.file = summary.file
        let registry = registry(forWorkflowAt: summary.file)
        let workflow = try load(file: summary.file, registry: registry)
        let contents = (try? Data(contentsOf: URL(fileURLWithPath: summary.file))).map { [UInt8]($0) } ?? []
        let plan = ResumePlan(record: record, from: request.from, force: request.force)
        let rerun = try plan.rerun(workflow: workflow, registration: RunRegistration(id: summary.id, workflow: workflow, contents: contents))
        let resumeState = try await storeCall { () async throws(StateStoreError) in
            try await store.resumeState(runID: summary.id, rerun: rerun)
        }
        var run = WorkflowRun(
            runtime: self, request: execution, workflow: workflow, registry: registry, inputs: record.inputs,
            runID: summary.id, state: state, store: store)
        run.resume = (resumeState, rerun)
        return try await run.execute()
    }
}

/// What `resume` may continue: the recorded steps against the reloaded file, and `--from`.
struct ResumePlan {
    let record: RunDetail
    let from: String?
    let force: Bool

    /// Checks the reloaded `workflow` against the records (`.invalid` unless `--force`) and returns the
    /// steps `--from` runs again.
    func rerun(workflow: Workflow, registration: RunRegistration) throws(RuntimeError) -> Set<String> {
        let summary = record.summary
        if registration.fileHash != summary.fileHash {
            let problems = ResumeCompatibility.problems(
                recorded: record.stepKeys, started: Set(record.steps.map(\.key)), current: registration.stepKeys)
            if !problems.isEmpty && !force {
                throw RuntimeError(
                    .invalid,
                    "\(summary.file) changed since run \(summary.id) so that its records no longer fit: "
                        + problems.joined(separator: "; ") + ". Restore the file, or use --force to resume anyway")
            }
        }
        guard let from else { return [] }
        let keys = workflow.steps.map(\.key)
        guard let start = keys.firstIndex(of: from) else {
            throw RuntimeError(
                .usage,
                "--from: there is no step '\(from)' in \(workflow.file); its steps are "
                    + keys.map { "'\($0)'" }.joined(separator: ", "))
        }
        return Set(keys[start...])
    }
}
