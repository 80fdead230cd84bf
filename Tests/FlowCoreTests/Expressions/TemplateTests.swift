import FlowCore
import FlowYAML
import JSONValue
import Testing

/// `${{ }}` inside scalars: typed whole expressions, rendered mixtures, marks and errors.
@Suite struct TemplateTests {
    static let mark = Mark(line: 5, column: 7)

    static func template(_ text: String, quoted: Bool = false) throws -> Template? {
        try Template.parse(text, at: mark, quoted: quoted)
    }

    @Test(arguments: ["plain text", "$ {{ x }}", "${ { }", "", "}} only"])
    func withoutExpressions(text: String) throws {
        #expect(try Self.template(text) == nil)
    }

    static let values: [(String, JSON)] = [
        ("${{ inputs.count }}", 3),
        ("${{inputs.flag}}", true),
        ("${{ vars.legacy }}", ["wiki_old", "docs_old"]),
        ("${{ inputs.missing }}", nil),
        ("n=${{ inputs.count }}", "n=3"),
        ("list: ${{ vars.legacy }}", "list: [\"wiki_old\",\"docs_old\"]"),
        ("${{ vars.config }}!", "{\"a\":1,\"b\":{\"c\":2}}!"),
        ("${{ inputs.name }}${{ inputs.count }}", "Web3"),
        ("${{ inputs.missing }}-x", "null-x"),
        ("${{ inputs.flag }} ", "true "),
        ("${{ vars.half }}s", "0.5s"),
        ("${{ '}}' }}", "}}"),
        ("${{ format('{{0}}') }}", "{0}"),
        ("${{ 'it''s }}' }}", "it's }}"),
        ("https://x/${{ item.id }}/${{ index }}", "https://x/7/2"),
        ("${{ steps.fetch.outputs }}", ["ids": [1, 2], "job_id": "j1"]),
        ("a ${{ '${{' }} b", "a ${{ b"),
    ]

    @Test(arguments: values)
    func value(text: String, expected: JSON) throws {
        let template = try #require(try Self.template(text))
        #expect(try template.evaluate(in: ExpressionFixtures.context) == expected)
    }

    @Test func partsAndSources() throws {
        let template = try #require(try Self.template("a ${{ inputs.x }} b ${{1}}"))
        #expect(template.expressions.map(\.source) == ["inputs.x", "1"])
        #expect(template.parts.count == 4)
    }

    @Test(arguments: [
        ("${{ inputs.x }}", false, 11), ("${{ inputs.x }}", true, 12), ("abc ${{ inputs.x }}", false, 15),
        ("abc ${{inputs.x}}", true, 15), ("ü ${{ inputs.x }}", false, 13),
    ])
    func expressionMarks(text: String, quoted: Bool, column: Int) throws {
        let template = try #require(try Self.template(text, quoted: quoted))
        #expect(template.expressions.first?.mark == Mark(line: 5, column: column))
    }

    @Test func multiLineMarks() throws {
        let template = try #require(try Self.template("line one\n  ${{ stesp.a }}\n${{ x }}"))
        #expect(template.expressions.map(\.mark) == [Mark(line: 6, column: 7), Mark(line: 7, column: 5)])
        #expect(template.check(in: ExpressionScope()).map(\.description) == [
            "6:7: unknown context 'stesp'; did you mean 'steps'?", "7:5: unknown context 'x'",
        ])
    }

    @Test(arguments: [
        ("x ${{ inputs.a + }}", true, "expected a value after '+', found the end of the expression", 24),
        ("a ${{ inputs.x", false, "expected '}}' to close '${{'", 9),
        ("${{ 'x }}", false, "expected '}}' to close '${{'", 7),
        ("${{ }}", false, "expected a value, found the end of the expression", 11),
        ("ok ${{ 1 }} then ${{ 1 + }}", false, "expected a value after '+', found the end of the expression", 31),
    ])
    func errors(text: String, quoted: Bool, message: String, column: Int) {
        #expect(throws: ExpressionError(message: message, mark: Mark(line: 5, column: column))) {
            try Self.template(text, quoted: quoted)
        }
    }

    @Test func statusFunctions() throws {
        #expect(try #require(try Self.template("${{ failure() }}")).usesStatusFunction)
        #expect(try #require(try Self.template("${{ inputs.a }} and ${{ 'always()' }}")).usesStatusFunction == false)
    }
}
