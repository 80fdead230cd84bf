import FlowCore
import JSONValue
import Testing

/// Run-time failures: a sentence, and the description quotes the expression.
@Suite struct ExpressionRuntimeErrorTests {
    static let failures: [(String, String)] = [
        ("'a' + 1", "'+' needs two numbers or two strings, not a string and a number"),
        ("inputs.missing + 1", "'+' needs two numbers or two strings, not null and a number"),
        ("'a' - 'b'", "'-' needs numbers, not a string and a string"),
        ("vars.legacy * 2", "'*' needs numbers, not a list and a number"),
        ("true % 2", "'%' needs numbers, not a boolean and a number"),
        ("1 / 0", "division by zero"),
        ("5 % 0", "division by zero in '%'"),
        ("-inputs.name", "'-' needs a number, not a string"),
        ("inputs.name.length", "cannot read the property 'length' of a string"),
        ("inputs.count['x']", "cannot read the property 'x' of a number"),
        ("vars.legacy.first", "cannot read the property 'first' of a list"),
        ("inputs.name[0]", "cannot index a string with a number"),
        ("vars.config[0]", "cannot index an object with a number"),
        ("vars.legacy[0.5]", "a list index must be a whole number, not 0.5"),
        ("vars.legacy[true]", "an index must be a number or a string, not a boolean"),
        ("vars.legacy[null]", "an index must be a number or a string, not null"),
        ("inputs.name.*", "'*' needs a list or an object, not a string"),
        ("fromJSON('{')", "'fromJSON' was given text that is not JSON (invalid JSON at byte 1: expected a string key)"),
        (
            "fromJSON('[1,]')",
            "'fromJSON' was given text that is not JSON (invalid JSON at byte 3: unexpected character)"
        ),
        ("fromJSON(3)", "'fromJSON' needs a string, not a number"),
        ("fromJSON(null)", "'fromJSON' needs a string, not null"),
        ("keys(vars.legacy)", "'keys' needs an object, not a list"),
        ("keys('a')", "'keys' needs an object, not a string"),
        ("length(3)", "'length' needs a string, a list or an object, not a number"),
        ("length(true)", "'length' needs a string, a list or an object, not a boolean"),
        ("contains(vars.config, 'a')", "'contains' needs a string or a list, not an object"),
        ("startsWith(vars.legacy, 'w')", "'startsWith' needs a string, not a list"),
        ("endsWith(vars.config, 'w')", "'endsWith' needs a string, not an object"),
        ("lower(vars.legacy)", "'lower' needs a string, not a list"),
        ("upper(vars.config)", "'upper' needs a string, not an object"),
        ("join(vars.config)", "'join' needs a list, not an object"),
        ("format(vars.legacy)", "'format' needs a format string, not a list"),
        ("format('{1}', 'a')", "the format string uses {1} but only 1 argument follows it"),
        ("format('{0} {1} {2}', 'a', 'b')", "the format string uses {2} but only 2 arguments follow it"),
        ("format(inputs.text + '{0}')", "the format string uses {0} but no arguments follow it"),
        ("format('{x}', 1)", "the format string has a '{' that is not part of '{N}' or '{{'"),
        ("format('a}b', 1)", "the format string has a '}' that is not part of '{N}' or '}}'"),
        ("format('{0', 1)", "the format string has a '{' that is not part of '{N}' or '{{'"),
        ("unknown.x", "unknown context 'unknown'"),
        ("lenght('a')", "unknown function 'lenght'"),
        ("contains('a')", "'contains' takes 2 arguments, not 1"),
    ]

    @Test(arguments: failures)
    func failure(source: String, message: String) throws {
        let expression = try Expression.parse(source, at: ExpressionFixtures.mark)
        #expect(throws: EvaluationError(message: message, expression: source)) {
            try expression.evaluate(in: ExpressionFixtures.context)
        }
    }

    @Test func descriptionQuotesTheExpression() throws {
        let expression = try Expression.parse("  1 / 0 ", at: ExpressionFixtures.mark)
        let error = #expect(throws: EvaluationError.self) { try expression.evaluate(in: ExpressionFixtures.context) }
        #expect(error?.description == "in ${{ 1 / 0 }}: division by zero")
    }
}
