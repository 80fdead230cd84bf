import FlowCore
import FlowYAML
import Testing

/// Static checks against a scope: exact sentences and columns (the expression starts at 3:10).
@Suite struct ExpressionCheckTests {
    /// A step outside `for_each` after a step `fetch`.
    static let plain = ExpressionScope(earlierSteps: ["fetch"])
    /// What `vars` may use.
    static let varsOnly = ExpressionScope(contexts: ["inputs", "env"])
    static let everything = ExpressionFixtures.everything

    static let cases: [(String, ExpressionScope, [String])] = [
        ("steps.fetch.outputs.id && inputs.a || vars.b", plain, []),
        ("env.A || secrets.B || run.id || run.started_at", plain, []),
        ("item.id && index > 0 && repo.name", everything, []),
        ("steps.loop.outputs.*.job_id", everything, []),
        ("steps.*.status", plain, []),
        ("steps[inputs.which].status", plain, []),
        ("steps.fetch['status']", plain, []),
        ("inputs.a || env.B", varsOnly, []),
        ("format('{0}{1}', 1, 2) && join(inputs.list) && contains('a', 'b')", plain, []),
        ("stesp.fetch", plain, ["10: unknown context 'stesp'; did you mean 'steps'?"]),
        ("inptus.name", plain, ["10: unknown context 'inptus'; did you mean 'inputs'?"]),
        ("STEPS.fetch", plain, ["10: unknown context 'STEPS'; did you mean 'steps'?"]),
        ("foo", plain, ["10: unknown context 'foo'"]),
        ("1 + itme.id", everything, ["14: unknown context 'itme'; did you mean 'item'?"]),
        ("rpeo.id", everything, ["10: unknown context 'rpeo'; did you mean 'repo'?"]),
        ("repo.id", plain, ["10: unknown context 'repo'"]),
        ("steps.later.outputs", plain, ["16: step 'later' does not exist or comes later"]),
        ("steps.fecth.outputs", plain, ["16: step 'fecth' does not exist or comes later; did you mean 'fetch'?"]),
        ("steps['later'].status", plain, ["16: step 'later' does not exist or comes later"]),
        ("steps.fetch.outptus", plain, ["22: step 'fetch' has no field 'outptus'; did you mean 'outputs'?"]),
        ("steps.fetch.id", plain, ["22: step 'fetch' has no field 'id' (it has outputs, status, error and results)"]),
        ("run.stauts", plain, ["14: run has no field 'stauts'; did you mean 'status'?"]),
        ("run.startedAt", plain, ["14: run has no field 'startedAt'; did you mean 'started_at'?"]),
        ("run.owner", plain, ["14: run has no field 'owner' (it has id, name, status and started_at)"]),
        ("item", plain, ["10: 'item' can only be used inside a for_each step"]),
        ("index + 1", plain, ["10: 'index' can only be used inside a for_each step"]),
        ("steps.fetch.outputs", varsOnly, ["10: the context 'steps' is not available here (available: inputs, env)"]),
        ("vars.x", varsOnly, ["10: the context 'vars' is not available here (available: inputs, env)"]),
        (
            "secrets.TOKEN", ExpressionScope(contexts: []),
            ["10: the context 'secrets' is not available here (available: none)"]
        ),
        ("lenght(inputs.a)", plain, ["10: unknown function 'lenght'; did you mean 'length'?"]),
        ("tojson(inputs)", plain, ["10: unknown function 'tojson'; did you mean 'toJSON'?"]),
        ("frobnicate()", plain, ["10: unknown function 'frobnicate'"]),
        ("contains('a')", plain, ["10: 'contains' takes 2 arguments, not 1"]),
        ("always(1)", ExpressionScope(statusFunctions: true), ["10: 'always' takes no arguments, not 1"]),
        ("success() || inputs.force", plain, [
            "10: 'success()' is a status function: it can only be used in a step's 'if' (elsewhere use run.status or steps.ID.status)"
        ]),
        ("failure() && steps.fetch.status == 'failed'", ExpressionScope(earlierSteps: ["fetch"], statusFunctions: true), []),
        ("join()", plain, ["10: 'join' takes 1 or 2 arguments, not 0"]),
        ("format()", plain, ["10: 'format' takes at least 1 argument, not 0"]),
        ("1 + length(1, 2)", plain, ["14: 'length' takes 1 argument, not 2"]),
        ("format('{0} {1}', 1)", plain, ["10: the format string uses {1} but only 1 argument follows it"]),
        ("format('{0', 1)", plain, ["10: the format string has a '{' that is not part of '{N}' or '{{'"]),
        ("upper(x)", plain, ["16: unknown context 'x'"]),
        ("stesp.a && lenght(item) || steps.later", plain, [
            "10: unknown context 'stesp'; did you mean 'steps'?",
            "21: unknown function 'lenght'; did you mean 'length'?",
            "28: 'item' can only be used inside a for_each step",
            "43: step 'later' does not exist or comes later",
        ]),
    ]

    @Test(arguments: cases)
    func check(source: String, scope: ExpressionScope, expected: [String]) throws {
        let problems = try Expression.parse(source, at: ExpressionFixtures.mark).check(in: scope)
        #expect(problems.map { "\($0.mark.column): \($0.message)" } == expected)
        #expect(problems.allSatisfy { $0.mark.line == 3 })
    }

    @Test func columnsCountFromTheTrimmedStart() throws {
        let problems = try Expression.parse("  steps.x", at: Mark(line: 1, column: 1)).check(in: Self.plain)
        let message = "step 'x' does not exist or comes later"
        let expected = ExpressionError(message: message, mark: Mark(line: 1, column: 9))
        #expect(problems == [expected])
        #expect(problems.first?.description == "1:9: step 'x' does not exist or comes later")
    }
}
