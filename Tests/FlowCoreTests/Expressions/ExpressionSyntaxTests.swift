import FlowCore
import FlowYAML
import Testing

/// Syntax errors: exact sentence and the column inside the expression (the expression starts at 3:10).
@Suite struct ExpressionSyntaxTests {
    static let errors: [(String, String, Int)] = [
        ("", "expected a value, found the end of the expression", 10),
        ("format('{0}', inputs.a", "expected ')' after the arguments of 'format'", 32),
        ("format('{0}' inputs.a)", "expected ')' after the arguments of 'format'", 23),
        ("(1 + 2", "expected ')' to close '('", 16),
        ("vars.list[0", "expected ']' after the index", 21),
        ("1 +", "expected a value after '+', found the end of the expression", 13),
        ("a && || b", "expected a value after '&&', found '||'", 15),
        ("!", "expected a value after '!', found the end of the expression", 11),
        ("inputs.", "expected a property name or '*' after '.', found the end of the expression", 17),
        ("inputs.3", "expected a property name or '*' after '.', found '3'", 17),
        ("inputs.'x'", "expected a property name or '*' after '.', found a string", 17),
        ("inputs.a inputs.b", "unexpected 'inputs' after the expression", 19),
        ("1 2", "unexpected '2' after the expression", 12),
        ("inputs.a)", "unexpected ')' after the expression", 18),
        ("'open", "unterminated string: expected a closing quote", 10),
        ("'it''s", "unterminated string: expected a closing quote", 10),
        ("inputs.a = 1", "unexpected character '='; use '==' to compare", 19),
        ("a & b", "unexpected character '&'; use '&&'", 12),
        ("a | b", "unexpected character '|'; use '||'", 12),
        ("\"text\"", "unexpected character '\"'; strings use single quotes", 10),
        ("inputs.a # note", "unexpected character '#'", 19),
        ("12ab", "invalid number '12ab'", 10),
        ("1.2.3", "invalid number '1.2.3'", 10),
        ("0x", "invalid number '0x'", 10),
        ("0xZZ", "invalid number '0xZZ'", 10),
        ("1e", "invalid number '1e'", 10),
        ("length(,)", "expected a value, found ','", 17),
        ("vars[]", "expected a value after '[', found ']'", 15),
        ("ünï == 1", "unexpected character 'ü'", 10),
        ("'ü' == ü", "unexpected character 'ü'", 17),
        (String(repeating: "(", count: 40) + "1" + String(repeating: ")", count: 40),
         "the expression is nested too deeply (more than 32 levels)", 42),
        (String(repeating: "1 + ", count: 300) + "1", "the expression is too long (more than 500 tokens)", 1010),
    ]

    @Test(arguments: errors)
    func syntaxError(source: String, message: String, column: Int) {
        #expect(throws: ExpressionError(message: message, mark: Mark(line: 3, column: column))) {
            try Expression.parse(source, at: ExpressionFixtures.mark)
        }
    }

    @Test func leadingWhiteSpaceMovesTheMark() throws {
        let expression = try Expression.parse("   inputs.a", at: ExpressionFixtures.mark)
        #expect(expression.source == "inputs.a")
        #expect(expression.mark == Mark(line: 3, column: 13))
    }

    @Test func linesInsideAnExpressionAreCounted() {
        #expect(throws: ExpressionError(message: "unexpected character '#'", mark: Mark(line: 4, column: 5))) {
            try Expression.parse("inputs.a &&\n  b #", at: ExpressionFixtures.mark)
        }
    }
}
