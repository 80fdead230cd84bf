import FlowCore
import JSONValue
import Testing

/// Expression → value (the type is part of the value: `1` is not `'1'`).
@Suite struct ExpressionValueTests {
    static let literals: [(String, JSON)] = [
        ("1", 1), ("1.5", 1.5), ("0x1F", 31), ("0XfF", 255), ("2e3", 2000), ("1.5E-1", 0.15), ("-4", -4),
        ("'text'", "text"), ("'it''s'", "it's"), ("''", ""), ("'{{ }}'", "{{ }}"), ("'ünï cødé'", "ünï cødé"),
        ("true", true), ("false", false), ("null", nil), ("( 7 )", 7), ("  'padded'  ", "padded"),
    ]

    static let contexts: [(String, JSON)] = [
        ("inputs.name", "Web"), ("inputs.count", 3), ("inputs.flag", true), ("inputs.missing", nil),
        ("inputs['name']", "Web"), ("vars.index", "migrated"), ("vars.legacy", ["wiki_old", "docs_old"]),
        ("vars.legacy[1]", "docs_old"), ("vars.legacy[5]", nil), ("vars.legacy[-1]", nil),
        ("vars.config.b.c", 2), ("vars.config['b']['c']", 2), ("vars.config.missing.deeper", nil),
        ("vars.matrix[1][0]", 3), ("vars.legacy[inputs.zero]", "wiki_old"), ("env.HOME", "/root"),
        ("env.NOPE", nil), ("secrets.TOKEN", "s3cret"), ("steps.fetch.outputs.job_id", "j1"),
        ("steps.fetch.status", "succeeded"), ("steps.fetch.error", nil), ("steps.broken.error.code", 4004),
        ("steps.notrun.outputs", nil), ("steps.notrun.outputs.id", nil), ("run.name", "demo"),
        ("item.id", 7), ("item.tags[0]", "x"), ("index", 2), ("repo.id", 7),
        ("inputs", .object(ExpressionFixtures.context.inputs)),
        ("env", ["HOME": "/root", "EMPTY": ""]), ("null.anything", nil),
    ]

    static let filters: [(String, JSON)] = [
        ("vars.people.*.name", ["ann", "bob", "cy"]), ("vars.people.*.age", [30, 20]),
        ("vars.people[*].name", ["ann", "bob", "cy"]), ("vars.groups.*.tags.*", ["x", "y", "z"]),
        ("vars.groups.*.tags[0]", ["x", "z"]), ("steps.loop.outputs.*.job_id", ["a", "c"]),
        ("steps.loop.results.*.status", ["succeeded", "failed"]), ("vars.config.*", [1, ["c": 2]]),
        ("steps.*.status", ["failed", "succeeded", "failed"]), ("vars.people.*", .array(
            [["name": "ann", "age": 30], ["name": "bob"], ["name": "cy", "age": 20]])),
        ("inputs.missing.*", nil), ("vars.matrix.*[1]", [2, 4]), ("length(vars.people.*.age)", 2),
    ]

    static let operators: [(String, JSON)] = [
        ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("7 % 4", 3), ("-7 % 4", -3), ("7 / 2", 3.5), ("10 - 4 - 3", 3),
        ("-inputs.count", -3), ("- -2", 2), ("'a' + 'b'", "ab"), ("vars.half * 4", 2), ("2 * -3", -6),
        ("1 == 1", true), ("1 == 2", false), ("'abc' == 'ABC'", true), ("'abc' != 'ABD'", true),
        ("'1' == 1", true), ("' 1 ' == 1", true), ("'0x10' == 16", true), ("'one' == 1", false),
        ("'' == 0", true), ("null == 0", true), ("null == false", true), ("null == null", true),
        ("true == 1", true), ("true == 'true'", false), ("false == ''", true), ("'nan' == 'NaN'", true),
        ("vars.legacy == vars.legacy", true), ("vars.legacy == 'wiki_old'", false),
        ("vars.config == vars.config", true),
        ("vars.legacy != 1", true), ("1 < 2", true), ("2 <= 2", true), ("3 > 2", true), ("2 >= 3", false),
        ("'a' < 'B'", true), ("'b' > 'A'", true), ("'10' < 9", false), ("'10' > 9", true), ("null < 1", true),
        ("vars.legacy < 1", false), ("vars.legacy >= vars.legacy", false), ("'x' < 1", false), ("'x' >= 1", false),
        ("!true", false), ("!0", true), ("!''", true), ("!'a'", false), ("!null", true), ("!vars.legacy", false),
        ("!!inputs.name", true), ("!1 == false", true),
        ("inputs.name && inputs.count", 3), ("inputs.empty && inputs.count", ""), ("null && 1", nil),
        ("inputs.missing || 'default'", "default"), ("inputs.name || 'default'", "Web"), ("0 || false", false),
        ("inputs.zero || inputs.empty || 'last'", "last"), ("true || 1 / 0", true), ("false && 1 / 0", false),
        ("1 == 1 && 2 > 1", true), ("1 == 2 || 'b' == 'B'", true), ("true || false && false", true),
        ("(true || false) && false", false), ("1 + 1 == 2", true), ("1 < 2 == true", true),
    ]

    static let functions: [(String, JSON)] = [
        ("always()", true), ("success()", true), ("failure()", false),
        ("contains('Hello World', 'world')", true), ("contains('Hello', 'bye')", false),
        ("contains(vars.legacy, 'DOCS_OLD')", true),
        ("contains(vars.legacy, 'x')", false), ("contains(inputs.list, '2')", true),
        ("contains(inputs.missing, 'a')", false),
        ("contains('abc', '')", true), ("contains(123, 2)", true),
        ("startsWith('Hello', 'he')", true), ("startsWith('Hello', 'lo')", false), ("endsWith('Hello', 'LO')", true),
        ("endsWith(inputs.name, 'x')", false),
        ("format('{0}-{1}', 'a', 2)", "a-2"), ("format('{1}{0}{1}', 'a', 'b')", "bab"),
        ("format('{{0}} {0}', 'x')", "{0} x"),
        ("format('plain')", "plain"), ("format('{0}', null)", ""),
        ("format('{0}', vars.legacy)", "[\"wiki_old\",\"docs_old\"]"),
        ("format('{0}}}', true)", "true}"),
        ("join(vars.legacy)", "wiki_old,docs_old"), ("join(vars.legacy, ' + ')", "wiki_old + docs_old"),
        ("join(inputs.list, '')", "123"), ("join('single', ',')", "single"),
        ("join(vars.people.*.name, ';')", "ann;bob;cy"),
        ("length('héllo')", 5), ("length(vars.legacy)", 2), ("length(vars.config)", 2), ("length(inputs.missing)", 0),
        ("length('')", 0), ("toJSON(vars.config)", "{\"a\":1,\"b\":{\"c\":2}}"), ("toJSON('a')", "\"a\""),
        ("toJSON(null)", "null"), ("toJSON(1.5)", "1.5"), ("fromJSON(vars.json)", ["a": [1, true, nil]]),
        ("fromJSON('3')", 3), ("fromJSON(' \"s\" ')", "s"), ("fromJSON(vars.json).a[1]", true),
        ("lower('MiXeD')", "mixed"), ("upper('mixed')", "MIXED"), ("lower(12)", "12"), ("upper(null)", ""),
        ("keys(vars.config)", ["a", "b"]), ("keys(inputs.missing)", []), ("keys(fromJSON('{}'))", []),
        ("length(keys(steps))", 3), ("contains(keys(vars.config), 'b')", true),
        ("contains(steps.loop.results.*.status, 'failed')", true),
    ]

    @Test(arguments: literals + contexts + filters + operators + functions)
    func value(source: String, expected: JSON) throws {
        #expect(try ExpressionFixtures.evaluate(source) == expected)
    }

    @Test(arguments: [("success()", false), ("failure()", true), ("always()", true), ("!failure()", false)])
    func statusFunctionsAfterAFailure(source: String, expected: JSON) throws {
        #expect(try ExpressionFixtures.evaluate(source, in: ExpressionFixtures.failedContext) == expected)
    }

    @Test(arguments: [
        ("always()", true), ("success() && inputs.flag", true), ("!failure()", true),
        ("contains(format('{0}', failure()), 'x')", true),
        ("inputs.flag", false), ("steps.fetch.status == 'failed'", false), ("'always()'", false),
    ])
    func usesStatusFunction(source: String, expected: Bool) throws {
        #expect(try Expression.parse(source, at: ExpressionFixtures.mark).usesStatusFunction == expected)
    }

    @Test func outsideForEachItemIsNull() throws {
        #expect(try ExpressionFixtures.evaluate("item", in: EvaluationContext()) == nil)
        #expect(try ExpressionFixtures.evaluate("index", in: EvaluationContext()) == nil)
    }

    /// The longest expressions the limits allow evaluate without exhausting a thread's stack.
    @Test func longestExpressions() throws {
        #expect(try ExpressionFixtures.evaluate(String(repeating: "1 + ", count: 249) + "1") == 250)
        #expect(try ExpressionFixtures.evaluate("inputs" + String(repeating: ".x", count: 249)) == nil)
        let nested = String(repeating: "!(", count: 16) + "1" + String(repeating: ")", count: 16)
        #expect(try ExpressionFixtures.evaluate(nested) == true)
        let deep = String(repeating: "-(", count: 15) + "1" + String(repeating: ")", count: 15)
        #expect(try ExpressionFixtures.evaluate(deep) == -1)
    }

    @Test func tableIsLargeEnough() {
        #expect((Self.literals + Self.contexts + Self.filters + Self.operators + Self.functions).count >= 100)
    }
}
