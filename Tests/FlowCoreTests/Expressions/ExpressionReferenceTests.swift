import FlowCore
import Testing

/// What an expression reads: literal member names of a context, and whether it reads the context whole.
@Suite struct ExpressionReferenceTests {
    @Test(arguments: [
        ("secrets.A", ["A"], false),
        ("secrets.A + secrets['B-2'] == env.C", ["A", "B-2"], false),
        ("format('{0}', secrets.A) && toJSON(secrets)", ["A"], true),
        ("secrets[inputs.which]", [], true),
        ("secrets.*", [], true),
        ("inputs.secrets || env.secrets", [], false),
        ("!secrets", [], true),
        ("1", [], false),
    ] as [(String, Set<String>, Bool)])
    func secrets(source: String, names: Set<String>, whole: Bool) throws {
        let expression = try Expression.parse(source, at: ExpressionFixtures.mark)
        #expect(expression.members(of: "secrets") == names)
        #expect(expression.usesWhole(context: "secrets") == whole)
    }

    @Test func steps() throws {
        let expression = try Expression.parse("steps.a.outputs.x && steps['b'].status", at: ExpressionFixtures.mark)
        #expect(expression.members(of: "steps") == ["a", "b"])
    }
}
