import JSONValue
import Timing

/// Asynchronous calls and batch jobs: the actions run when the job is accepted, in one transaction with
/// the job; the job's timing (`jobDelay`, split at random between `queued` and `in progress`) only
/// decides when the envelope shows them. An action the `jobfail` fault picks is not run: it ends failed
/// with 5000 and changes nothing (the later actions of its job fail with 5001).
extension SandboxEngine {
    struct JobAction {
        var name: String
        var version: String
        var params: Parameters
    }

    /// `/1/api/async/<api>/v1`: one action.
    func submit(_ call: Call) throws(HavenError) -> JSON {
        try submit([JobAction(name: call.api, version: "v1", params: call.params)], key: call.key, now: call.now)
    }

    /// `POST /1/job` with `job={"actions": [{"name", "version", "params"}]}`.
    func submitBatch(_ params: Parameters, key: String, now: Double) throws(HavenError) -> JSON {
        var params = params
        try params.require(["job"])
        try params.parseJSONValues()
        guard let list = params.json["job"]?["actions"]?.arrayValue, !list.isEmpty else { throw .noJobActions }
        let actions = list.map { item in
            var actionParams = Parameters()
            for (name, value) in item["params"]?.objectValue ?? [:] { actionParams.set(name, value) }
            return JobAction(name: item["name"]?.stringValue ?? "", version: item["version"]?.stringValue ?? "v1",
                             params: actionParams)
        }
        return try submit(actions, key: key, now: now)
    }

    private func submit(_ actions: [JobAction], key: String, now: Double) throws(HavenError) -> JSON {
        let delay = configuration.jobDelay.secondsValue
        let split = 0.2 + 0.6 * random.unit()
        let id = "w-eu_\(random.uuid())"
        return try mutate { (state, changes) throws(HavenError) -> JSON in
            var done: [JobRecord.Action] = []
            var failed = false
            for action in actions {
                var item = JobRecord.Action(action: action.name, version: action.version)
                if failed {
                    item.error = HavenError.previousActionFailed.body
                } else if action.version != "v1" || !SandboxEngine.isKnown(action.name) {
                    item.error = HavenError.unknownAPI.body
                } else if failsJob(action.name) {
                    item.error = HavenError.injectedJobFailure.body
                } else {
                    do throws(HavenError) {
                        let call = Call(api: action.name, params: action.params, key: key, now: now)
                        item.result = try handle(call, &state, &changes)
                    } catch {
                        item.error = error.body
                    }
                }
                failed = failed || item.error != nil
                done.append(item)
            }
            let job = JobRecord(id: id, createdAt: now, startedAt: now + delay * split, finishedAt: now + delay,
                                actions: done)
            changes.record(.saveJob(job), in: &state)
            return ["jobID": .string(id)]
        }
    }

    /// Whether the `jobfail` fault picks this action of a job (a draw only when the plan has the fault).
    private func failsJob(_ api: String) -> Bool {
        let faults = configuration.faults
        return faults.failsJobs && faults.failsJob(for: random.unit(), api: api.lowercased())
    }

    /// The job, or 3001.
    func job(_ id: String) throws(HavenError) -> JobRecord {
        guard let job = read({ $0.jobs[id] }) else { throw .invalidJobID(id) }
        return job
    }
}
