import FlowCore
import HavenClient
import JSONValue

/// `wait-job`: polls a job until it ends. A job that ends failed fails the step with the job's Haven
/// error (`.jobFailed`, not transient: waiting again cannot change how the job ended). A poll that fails
/// (after the client's retries) is not the job failing: its error says *Asking Haven about job … failed*
/// and is transient by the usual rules, so the step's `retry` polls again. A null or empty job ID (the
/// `job_id` of an async `create-connector` retried synchronously) has nothing to wait for.
struct WaitJobAction: Action {
    let connection: HavenConnection?

    var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "wait-job", summary: "Wait for an asynchronous job to end",
            inputs: [
                InputSpec(
                    "job", .string, required: true,
                    description: "The job ID (a job_id output); null or empty: nothing to wait for"),
                InputSpec("interval", .duration, description: "First pause between polls; grows to 10s", default: "1s"),
                InputSpec("timeout", .duration, description: "Give up after this long", default: "10m"),
            ],
            outputs: [
                OutputSpec("job_id", .string, description: "The job ID"),
                OutputSpec("status", .string, description: "finished"),
                OutputSpec("result", .any, description: "The first action's result: what the sync call returns"),
                OutputSpec("actions", .list, description: "Every action of the job, {action, status, result}"),
            ],
            changesState: false)
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        let inputs = ActionInputs(input)
        guard let id = inputs.optionalString("job"), !id.isEmpty else {
            return ["job_id": .null, "status": "finished", "result": .null, "actions": []]
        }
        let job = JobID(id)
        let interval = try inputs.duration("interval", default: .seconds(1))
        let timeout = try inputs.duration("timeout", default: .seconds(600))
        let client = try connection.client(for: context)
        return try await reportingHavenErrors {
            let envelope = try await client.waitForJob(job, interval: interval, timeout: timeout)
            return [
                "job_id": .string(envelope.jobID.rawValue), "status": .string(envelope.status.rawValue),
                "result": envelope.result ?? .null, "actions": envelope.raw["actions"] ?? [],
            ]
        }
    }
}

/// `wait-connector`: polls a connector's status until it is one of `until`; ending in `ERROR` fails.
struct WaitConnectorAction: Action {
    let connection: HavenConnection?
    static let defaultUntil = ["FINISHED", "ERROR", "STOPPED"]

    var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "wait-connector", summary: "Wait until a connector's run ends",
            inputs: [
                HavenInput.connector,
                InputSpec(
                    "until", .list, description: "Statuses that end the wait",
                    default: .array(Self.defaultUntil.map(JSON.string))),
                InputSpec("interval", .duration, description: "First pause between polls; grows to 10s", default: "1s"),
                InputSpec("timeout", .duration, description: "Give up after this long", default: "10m"),
            ],
            outputs: [
                HavenInput.connectorOutput,
                OutputSpec("status", .string, description: "The status that ended the wait"),
                OutputSpec("document_counts", .object, description: "Documents of the run, by outcome"),
            ],
            changesState: false)
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        let inputs = ActionInputs(input)
        let name = try inputs.string("connector")
        let until = Set((inputs.strings("until") ?? Self.defaultUntil).map { $0.uppercased() })
        var pause = max(try inputs.duration("interval", default: .seconds(1)), .milliseconds(1))
        let timeout = try inputs.duration("timeout", default: .seconds(600))
        let client = try connection.client(for: context)
        let deadline = ContinuousClock.now + timeout
        while true {
            let status = try await reportingHavenErrors { try await client.connectorStatus(name) }
            if until.contains(status.status.rawValue) {
                guard status.status != .error else {
                    throw ActionFailure(
                        "connector '\(name)' ended in ERROR" + (status.error.map { ": \($0)" } ?? ""),
                        code: "ERROR", detail: status.raw)
                }
                return status.raw
            }
            let left = deadline - .now
            guard left > .zero else {
                throw ActionFailure(
                    "connector '\(name)' did not reach \(until.sorted().joined(separator: ", ")) within "
                        + "\(timeout.workflowText) (last status: \(status.status))", code: "timeout", detail: status.raw)
            }
            try await Task.sleep(for: min(pause, left))
            pause = min(pause * 1.5, .seconds(10))
        }
    }
}
