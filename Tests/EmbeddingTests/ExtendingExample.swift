import FlowCore
import HavenActions
import JSONValue

/// A custom action: counts the words of a text. The loader checks every step that uses it against this
/// declaration (unknown inputs, missing required ones, wrong types), `havenflow actions` lists it, and
/// `--dry-run` skips it only if `changesState` is true.
struct WordCountAction: Action {
    var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "word-count", summary: "Count the words of a text.",
            inputs: [
                InputSpec("text", .string, required: true, description: "The text to count."),
                InputSpec("minimum", .integer, description: "Fail with fewer words than this.", default: 0),
            ],
            outputs: [OutputSpec("words", .integer, description: "How many words the text has.")],
            changesState: false)
    }

    func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        let words = (input["text"]?.stringValue ?? "").split(whereSeparator: \.isWhitespace).count
        if let minimum = input["minimum"]?.intValue, words < minimum {
            throw ActionFailure("only \(words) words, fewer than \(minimum)")
        }
        context.print("counted \(words) words")
        return ["words": .number(Double(words))]
    }
}

/// Loads a workflow from YAML text, binds its inputs and runs it with the standard actions (Haven calls go
/// through `connection`) plus `WordCountAction`; returns the outcome and every event of the run.
func runWithWordCount(
    yaml: String, inputs: [String: String] = [:], connection: HavenConnection
) async throws -> (RunOutcome, [RunEvent]) {
    let registry = StandardActions.registry(connection: connection).merging(ActionRegistry([WordCountAction()]))
    let loaded = WorkflowLoader(registry: registry).load(text: yaml, file: "embedded.yaml")
    guard let workflow = loaded.workflow else { throw WorkflowInvalid(diagnostics: loaded.rendered) }
    let bound = try InputBinder.bind(declarations: workflow.inputs, raw: inputs)

    let (observer, events) = RunEventStream.make()
    let engine = Engine(registry: registry, observers: [observer])
    async let outcome = engine.run(workflow, inputs: bound)
    var received: [RunEvent] = []
    for await event in events { received.append(event) }  // ends after the run_finished event
    return (await outcome, received)
}

/// The loader's diagnostics (`file:line:column: error: message` with the source line) of an invalid workflow.
struct WorkflowInvalid: Error, CustomStringConvertible {
    var diagnostics: String
    var description: String { diagnostics }
}
