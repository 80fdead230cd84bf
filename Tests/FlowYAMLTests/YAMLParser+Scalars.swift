import FlowYAML
import Testing

@Suite struct ScalarResolutionTests {
    /// Plain scalars under the YAML 1.2 core schema.
    @Test(arguments: [
        ("true", Scalar.Value.bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        ("tRUE", .string("tRUE")), ("yes", .string("yes")), ("no", .string("no")), ("NO", .string("NO")),
        ("on", .string("on")), ("off", .string("off")), ("y", .string("y")), ("Norway", .string("Norway")),
        ("null", .null), ("Null", .null), ("NULL", .null), ("~", .null), ("", .null),
        ("nULL", .string("nULL")), ("none", .string("none")),
        ("0", .int(0)), ("42", .int(42)), ("-17", .int(-17)), ("+17", .int(17)), ("007", .int(7)),
        ("0x1F", .int(31)), ("0xff", .int(255)), ("0o17", .int(15)),
        ("0o8", .string("0o8")), ("0x", .string("0x")), ("-0x1F", .string("-0x1F")), ("1_000", .string("1_000")),
        ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
        ("1.5", .float(1.5)), ("-1.5", .float(-1.5)), ("1.", .float(1)), (".5", .float(0.5)),
        ("1e3", .float(1000)), ("1E-3", .float(0.001)), ("+1.5e+2", .float(150)), ("-0.0", .float(-0.0)),
        (".inf", .float(.infinity)), (".Inf", .float(.infinity)), ("+.INF", .float(.infinity)),
        ("-.inf", .float(-.infinity)),
        ("1.2.3", .string("1.2.3")), ("1e", .string("1e")), ("e3", .string("e3")), (".", .string(".")),
        ("-x", .string("-x")), ("+", .string("+")), ("12:30", .string("12:30")), ("v1.0", .string("v1.0")),
        ("3 apples", .string("3 apples")), (".infinity", .string(".infinity")), ("-.nan", .string("-.nan")),
        ("${{ inputs.n }}", .string("${{ inputs.n }}")),
    ])
    func plain(text: String, expected: Scalar.Value) throws {
        let node = try parse("v: \(text)\n")["v"]
        #expect(node?.value == expected)
        #expect(node?.scalar?.style == .plain)
        #expect(node?.tag == nil)
    }

    @Test(arguments: [".nan", ".NaN", ".NAN"])
    func notANumber(text: String) throws {
        let value = try parse("v: \(text)")["v"]?.value
        guard case .float(let number)? = value else {
            Issue.record("expected a float, got \(String(describing: value))")
            return
        }
        #expect(number.isNaN)
    }

    /// Quoted and block scalars are strings whatever they look like.
    @Test(arguments: [
        ("'true'", "true", Scalar.Style.singleQuoted), ("\"42\"", "42", .doubleQuoted), ("'~'", "~", .singleQuoted),
        ("''", "", .singleQuoted), ("\"null\"", "null", .doubleQuoted), ("\"a\\tb\"", "a\tb", .doubleQuoted),
        ("|\n  42\n", "42\n", .literal), (">-\n  1.5\n  2\n", "1.5 2", .folded),
    ])
    func quotedAndBlock(source: String, text: String, style: Scalar.Style) throws {
        let scalar = try parse("v: \(source)")["v"]?.scalar
        #expect(scalar == Scalar(text: text, style: style, value: .string(text)))
    }

    /// Explicit core tags decide the value; `Node.tag` holds the expanded tag.
    @Test(arguments: [
        ("!!str 42", Scalar.Value.string("42"), "tag:yaml.org,2002:str"),
        ("!!str true", .string("true"), "tag:yaml.org,2002:str"),
        ("!!int \"42\"", .int(42), "tag:yaml.org,2002:int"),
        ("!!int 0x10", .int(16), "tag:yaml.org,2002:int"),
        ("!!float 1", .float(1), "tag:yaml.org,2002:float"),
        ("!!float '-.inf'", .float(-.infinity), "tag:yaml.org,2002:float"),
        ("!!bool 'false'", .bool(false), "tag:yaml.org,2002:bool"),
        ("!!null ~", .null, "tag:yaml.org,2002:null"),
        ("!!null ''", .null, "tag:yaml.org,2002:null"),
        ("!custom 12", .string("12"), "!custom"),
        ("! 12", .string("12"), "!"),
    ])
    func tagged(source: String, expected: Scalar.Value, tag: String) throws {
        let node = try parse("v: \(source)\n")["v"]
        #expect(node?.value == expected)
        #expect(node?.tag == tag)
    }

    @Test func collectionTags() throws {
        let root = try parse("a: !!seq [1]\nb: !!map {x: 1}\n")
        #expect(root["a"]?.tag == "tag:yaml.org,2002:seq")
        #expect(root["b"]?.tag == "tag:yaml.org,2002:map")
        #expect(root.tag == nil)
    }

    @Test func keysAreResolvedToo() throws {
        let root = try parse("1: one\ntrue: yes\n~: nothing\n'2': two\n")
        #expect(root.mapping?.map(\.key.value) == [.int(1), .bool(true), .null, .string("2")])
    }
}
