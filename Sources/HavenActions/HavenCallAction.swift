import FlowCore
import HavenClient
import JSONValue

/// An action that sends one Haven call built from its inputs and returns the API's answer as it is
/// (or `{job_id}` with `async: true`; the answer plus `job_id` with `async: true, wait: true`, see
/// ``SubmittedJobs``). Most Haven actions are one of these; the `haven` escape hatch too. A changing one
/// with a ``RetryRule`` (update, stop, cancel-schedule) follows it on a retry after a lost answer.
struct HavenCallAction: Action, DescribesRequest {
    let declaration: ActionDeclaration
    let connection: HavenConnection?
    let makeCall: @Sendable (ActionInputs) throws -> HavenCall<JSON>
    /// How a retry after a lost answer is made (update, stop, cancel-schedule); `nil`: sent again as is.
    let retry: RetryRule?
    let jobs = SubmittedJobs()

    init(
        _ declaration: ActionDeclaration, connection: HavenConnection?, retry: RetryRule? = nil,
        makeCall: @escaping @Sendable (ActionInputs) throws -> HavenCall<JSON>
    ) {
        self.declaration = declaration
        self.connection = connection
        self.retry = retry
        self.makeCall = makeCall
    }

    func plan(_ input: JSON) -> String {
        let inputs = ActionInputs(input)
        guard let call = try? makeCall(inputs) else { return "call \(declaration.name) (inputs incomplete)" }
        return describeCall(
            api: call.api, parameters: call.parameters, async: inputs.bool("async"), secrets: secretInputs)
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        if let outputs = dryRunOutputs(input, context: context) { return outputs }
        let inputs = ActionInputs(input)
        let call = try makeCall(inputs)
        let client = try connection.client(for: context)
        let rule = context.isRetry ? retry : nil
        let async = inputs.bool("async")
        if let inPlace = rule?.inPlace, let outputs = try await reportingHavenErrors({ try await inPlace(inputs, client) }) {
            return async ? outputs.addingJobID(nil) : outputs
        }
        if inputs.submitsAndWaits {
            return try await reportingJobErrors {
                do {
                    let (result, job) = try await jobs.run(call, client: client, context: context)
                    return (rule?.answer?(result) ?? result).addingJobID(job)
                } catch let error as HavenError {
                    guard let outputs = rule?.accepting?(error, inputs) else { throw error }
                    return outputs.addingJobID(nil)
                }
            }
        }
        return try await reportingHavenErrors {
            if async && rule == nil { return try await ["job_id": .string(client.submit(call).rawValue)] }
            do {
                let result = try await client.perform(call)
                let answer = rule?.answer?(result) ?? result
                return async ? answer.addingJobID(nil) : answer
            } catch let error as HavenError {
                guard let outputs = rule?.accepting?(error, inputs) else { throw error }
                return async ? outputs.addingJobID(nil) : outputs
            }
        }
    }
}

extension DescribesRequest {
    /// The names of the inputs declared secret, shown as `****` in plans.
    var secretInputs: Set<String> { Set(declaration.inputs.filter(\.secret).map(\.name)) }
}

extension HavenCall {
    /// The same call, its result read as plain JSON (what actions return).
    var json: HavenCall<JSON> {
        HavenCall<JSON>(api: api, version: version, parameters: parameters, isIdempotent: isIdempotent) { $0 }
    }
}

/// Input specs several Haven actions share.
enum HavenInput {
    static let connector = InputSpec("connector", .string, required: true, description: "The connector's name")
    static let async = InputSpec(
        "async", .boolean, description: "Submit as a job and return {job_id} at once", default: false)
    /// Beside `async` on the changing actions: wait for the job, submitting it again under `retry:` when it
    /// ends failed transiently.
    static let wait = InputSpec(
        "wait", .boolean,
        description: "With async: wait for the job and return the synchronous outputs plus job_id; a job that "
            + "ends failed with 5000-5007 or 7000 is submitted again under the step's retry",
        default: false)
    static func config(required: Bool) -> InputSpec {
        InputSpec("config", .object, required: required, description: "The flavor's settings (e.g. {url: …})")
    }
    static func destination(required: Bool) -> InputSpec {
        InputSpec(
            "destination", .object, required: required,
            description: "Where documents go, e.g. {action: addtotextindex, index: NAME}")
    }
    /// `schedule`, `credentials` (secret), `credentials_policy`, `description`.
    static let connectorSettings: [InputSpec] = [
        InputSpec("schedule", .object, description: "When the connector runs"),
        InputSpec("credentials", .object, secret: true, description: "Login for the source (masked everywhere)"),
        InputSpec("credentials_policy", .object, description: "How credentials are stored"),
        InputSpec("description", .string, description: "Free text"),
    ]
    static let connectorOutput = OutputSpec("connector", .string, description: "The connector's name")
    static let messageOutput = OutputSpec("message", .string, description: "Haven's message")
    static let jobOutput = OutputSpec(
        "job_id", .string, description: "With async: true, the job to wait for (with wait: true, the job waited for)")
}
