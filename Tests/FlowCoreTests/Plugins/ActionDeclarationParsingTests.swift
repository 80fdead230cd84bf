import FlowCore
import JSONValue
import Testing

@Suite("Action declarations from JSON")
struct ActionDeclarationParsingTests {
    static let declarations: [ActionDeclaration] = [
        ActionDeclaration(name: "bare", summary: "Nothing.", changesState: false),
        ActionDeclaration(
            name: "ticket", aliases: ["open-ticket"], summary: "Open a ticket.",
            inputs: [
                InputSpec("title", .string, required: true, description: "What."),
                InputSpec("priority", .string, description: "How urgent.", default: "normal", allowed: ["low", "normal"]),
                InputSpec("token", .string, secret: true, description: "API token."),
                InputSpec("wait", .duration, description: "", default: "5s"),
                InputSpec("labels", .list, description: "Tags.", oneOrMany: true),
            ],
            outputs: [OutputSpec("ticket_id", .string, description: "The id."), OutputSpec("n", .integer, description: "")],
            changesState: true),
    ]

    @Test(arguments: declarations)
    func roundTripsThroughItsJSON(_ declaration: ActionDeclaration) throws {
        #expect(try ActionDeclaration(json: declaration.json) == declaration)
        #expect(try ActionDeclaration(json: JSON(parsing: declaration.json.rendered())) == declaration)
    }

    @Test func optionalFieldsDefault() throws {
        let declaration = try ActionDeclaration(
            json: JSON(parsing: #"{"name": "x", "summary": "S.", "changes_state": true, "inputs": [{"name": "a", "type": "any"}]}"#))
        #expect(declaration == ActionDeclaration(
            name: "x", summary: "S.", inputs: [InputSpec("a", .any, description: "")], changesState: true))
    }

    /// GitHub Actions' action.yml style: `inputs` and `outputs` as maps from name to entry, read in name order.
    @Test func readsInputsAndOutputsWrittenAsMaps() throws {
        let text = #"""
            {"name": "ticket", "summary": "Open a ticket.", "changes_state": true,
             "inputs": {"title": {"type": "string", "required": true, "description": "What."},
                        "labels": {"name": "labels", "type": "list", "one_or_many": true}},
             "outputs": {"ticket_id": {"type": "string", "description": "The id."}}}
            """#
        let declaration = try ActionDeclaration(json: JSON(parsing: text))
        #expect(declaration == ActionDeclaration(
            name: "ticket", summary: "Open a ticket.",
            inputs: [
                InputSpec("labels", .list, description: "", oneOrMany: true),
                InputSpec("title", .string, required: true, description: "What."),
            ],
            outputs: [OutputSpec("ticket_id", .string, description: "The id.")], changesState: true))
        #expect(try ActionDeclaration(json: JSON(parsing: #"{"name": "x", "summary": "S.", "changes_state": false, "inputs": {}}"#)).inputs == [])
    }

    @Test(arguments: [
        (#"[1]"#, "the declaration must be an object, not list"),
        (#"{"summary": "S.", "changes_state": false}"#, "name is missing"),
        (#"{"name": "x", "changes_state": false}"#, "summary is missing"),
        (#"{"name": "x", "summary": "S."}"#, "changes_state is missing"),
        (#"{"name": "x", "summary": "S.", "changes_state": "yes"}"#, "changes_state must be true or false, not string"),
        (#"{"name": 3, "summary": "S.", "changes_state": false}"#, "name must be a string, not number"),
        (
            #"{"name": "x", "summary": "S.", "changes_state": false, "inputs": "a"}"#,
            "inputs must be a list of {name, …} or a map from each name to {…}, not string"
        ),
        (#"{"name": "x", "summary": "S.", "changes_state": false, "inputs": {"a": {}}}"#, "inputs.a.type is missing"),
        (#"{"name": "x", "summary": "S.", "changes_state": false, "inputs": {"a": "string"}}"#, "inputs.a must be an object, not string"),
        (
            #"{"name": "x", "summary": "S.", "changes_state": false, "inputs": {"a": {"name": "b", "type": "any"}}}"#,
            "inputs.a.name: the name is the key 'a' in this form; drop 'name' or make it match"
        ),
        (
            #"{"name": "x", "summary": "S.", "changes_state": false, "outputs": {"o": {"type": "strng"}}}"#,
            "outputs.o.type: 'strng' is not a type (one of string, number, integer, boolean, list, object, duration, any)"
        ),
        (
            #"{"name": "x", "summary": "S.", "changes_state": false, "inputs": [{"name": "a", "type": "string", "one_or_many": true}]}"#,
            "inputs[0].one_or_many: only a list input can take one or many values, not a string"
        ),
        (#"{"name": "x", "summary": "S.", "changes_state": false, "inputs": [{"type": "string"}]}"#, "inputs[0].name is missing"),
        (
            #"{"name": "x", "summary": "S.", "changes_state": false, "inputs": [{"name": "a", "type": "strng"}]}"#,
            "inputs[0].type: 'strng' is not a type (one of string, number, integer, boolean, list, object, duration, any)"
        ),
        (
            #"{"name": "x", "summary": "S.", "changes_state": false, "inputs": [{"name": "a", "type": "string"}, {"name": "a", "type": "any"}]}"#,
            "inputs: 'a' is declared twice"
        ),
        (
            #"{"name": "x", "summary": "S.", "changes_state": false, "inputs": [{"name": "a", "type": "string", "allowed": [1]}]}"#,
            "inputs[0].allowed[0] must be a string, not number"
        ),
        (#"{"name": "x", "summary": "S.", "changes_state": false, "outputs": [{"name": "o"}]}"#, "outputs[0].type is missing"),
        (#"{"name": "x", "summary": "S.", "changes_state": false, "aliases": "y"}"#, "aliases must be a list, not string"),
    ])
    func rejectsWhatIsNotADeclaration(_ text: String, _ message: String) throws {
        #expect(throws: DeclarationError(message)) { try ActionDeclaration(json: JSON(parsing: text)) }
    }
}
