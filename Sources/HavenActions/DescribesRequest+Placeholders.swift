import FlowCore
import HavenClient
import JSONValue

extension DescribesRequest {
    /// Outputs shaped like the declaration's, for a step that did not run: inputs of the same name are
    /// echoed (so `steps.X.outputs.connector` still names the connector), other fields get an empty value
    /// of their type; with `async: true`, a placeholder `job_id` only (with `wait: true` as well, both).
    public func placeholderOutputs(for input: JSON) -> JSON {
        let inputs = ActionInputs(input)
        if inputs.bool("async") && !inputs.bool("wait") {
            return ["job_id": OutputSpec("job_id", .string, description: "").placeholder]
        }
        var outputs: [String: JSON] = [:]
        for output in declaration.outputs where output.name != "job_id" || inputs.submitsAndWaits {
            if let echoed = inputs.json(output.name), declaration.input(named: output.name)?.secret != true {
                outputs[output.name] = echoed
                continue
            }
            outputs[output.name] = output.placeholder
        }
        return .object(outputs)
    }

    /// Under dry run: prints the plan and returns placeholders; otherwise `nil` (run for real).
    func dryRunOutputs(_ input: JSON, context: ActionContext) -> JSON? {
        guard context.dryRun, declaration.changesState else { return nil }
        context.print(context.mask("would " + plan(input)))
        return placeholderOutputs(for: input)
    }
}

/// `POST /1/api/sync/API/v1 key=value …` for a call, secrets and the API key masked.
func describeCall(api: String, parameters: HavenParameters, async: Bool = false, secrets: Set<String> = []) -> String {
    var words = ["POST /1/api/\(async ? "async" : "sync")/\(api)/v1"]
    for (key, value) in parameters {
        let text: String =
            if secrets.contains(key) { "****" } else {
                switch value {
                case .string(let text): text
                case .json(let json): json.rendered()
                case .array(let elements): elements.joined(separator: ",")
                case .file(let file): "@\(file.filename)"
                }
            }
        words.append("\(key)=\(text)")
    }
    words.append("apikey=****")
    return words.joined(separator: " ")
}
