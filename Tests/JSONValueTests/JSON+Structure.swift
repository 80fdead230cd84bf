import JSONValue
import Testing

@Suite struct StructureTests {
    /// Literals, white space, arrays and objects → the exact value.
    @Test(arguments: [
        ("null", .null), ("true", true), ("false", false), ("\"x\"", "x"), ("1", 1),
        (" \t\r\n null \t\r\n", .null), ("[]", []), ("[ ]", []), ("{}", [:]), ("{ \n }", [:]),
        ("[1,\"a\",true,false,null,[],{}]", [1, "a", true, false, nil, [], [:]]),
        ("[ 1 , 2 ]", [1, 2]), ("\n[\n1\n,\n2\n]\n", [1, 2]),
        (#"{"a":1,"b":[true,{"c":null}]}"#, ["a": 1, "b": [true, ["c": nil]]]),
        (#"{ "a" : 1 , "b" : 2 }"#, ["a": 1, "b": 2]),
        (#"{"":0}"#, ["": 0]), (#"{"a\nb":"\u0041"}"#, ["a\nb": "A"]),
        (#"[[[[["deep"]]]]]"#, [[[[["deep"]]]]]),
    ] as [(String, JSON)])
    func parses(_ text: String, _ expected: JSON) throws {
        #expect(try JSON(parsing: text) == expected)
    }

    /// Malformed literals, structure, trailing text and empty input → the exact error.
    @Test(arguments: [
        ("", "invalid JSON at byte 0: unexpected end of input"),
        (" \n\t ", "invalid JSON at byte 4: unexpected end of input"),
        ("tru", "invalid JSON at byte 0: unexpected end of input"),
        ("nul", "invalid JSON at byte 0: unexpected end of input"),
        ("trux", "invalid JSON at byte 0: unexpected character"),
        ("True", "invalid JSON at byte 0: unexpected character"),
        ("NULL", "invalid JSON at byte 0: unexpected character"),
        ("undefined", "invalid JSON at byte 0: unexpected character"),
        ("truex", "invalid JSON at byte 4: unexpected text after the value"),
        ("nulll", "invalid JSON at byte 4: unexpected text after the value"),
        ("1 2", "invalid JSON at byte 2: unexpected text after the value"),
        ("{} {}", "invalid JSON at byte 3: unexpected text after the value"),
        ("[1]]", "invalid JSON at byte 3: unexpected text after the value"),
        ("null\u{0}", "invalid JSON at byte 4: unexpected text after the value"),
        ("\u{0C}1", "invalid JSON at byte 0: unexpected character"),  // form feed is not JSON white space
        ("1\u{0B}", "invalid JSON at byte 1: unexpected text after the value"),  // nor is a vertical tab
        ("\u{A0}1", "invalid JSON at byte 0: unexpected character"),  // nor a no-break space
        ("/* c */ 1", "invalid JSON at byte 0: unexpected character"),
        ("[", "invalid JSON at byte 1: unexpected end of input"),
        ("[1", "invalid JSON at byte 2: expected ',' or ']'"),
        ("[1,", "invalid JSON at byte 3: unexpected end of input"),
        ("[1,]", "invalid JSON at byte 3: unexpected character"),
        ("[,1]", "invalid JSON at byte 1: unexpected character"),
        ("[1 2]", "invalid JSON at byte 3: expected ',' or ']'"),
        ("[1}", "invalid JSON at byte 2: expected ',' or ']'"),
        ("{", "invalid JSON at byte 1: expected a string key"),
        ("{1:2}", "invalid JSON at byte 1: expected a string key"),
        ("{a:1}", "invalid JSON at byte 1: expected a string key"),
        (#"{"a"}"#, "invalid JSON at byte 4: expected ':'"),
        (#"{"a" 1}"#, "invalid JSON at byte 5: expected ':'"),
        (#"{"a":}"#, "invalid JSON at byte 5: unexpected character"),
        (#"{"a":1,}"#, "invalid JSON at byte 7: expected a string key"),
        (#"{"a":1 "b":2}"#, "invalid JSON at byte 7: expected ',' or '}'"),
        (#"{"a":1]"#, "invalid JSON at byte 6: expected ',' or '}'"),
        (#"{"a":1"#, "invalid JSON at byte 6: expected ',' or '}'"),
    ])
    func refuses(_ text: String, _ expected: String) {
        #expect(parseError(text) == expected)
    }

    /// A key named twice in one object is refused at its second occurrence, whatever the values; keys equal
    /// as Swift strings (canonically equivalent Unicode) are the same key. The same key in two objects is fine.
    @Test(arguments: [
        (#"{"a":1,"a":1}"#, #"invalid JSON at byte 7: the key "a" appears twice in an object"#),
        (#"{"a":1,"b":2,"a":3}"#, #"invalid JSON at byte 13: the key "a" appears twice in an object"#),
        (#"{"x":{"a":[],"a":{}}}"#, #"invalid JSON at byte 13: the key "a" appears twice in an object"#),
        (#"{"a\n":1,"a\u000a":2}"#, #"invalid JSON at byte 9: the key "a\n" appears twice in an object"#),
        (#"{"\u00e9":1,"e\u0301":2}"#, #"invalid JSON at byte 12: the key "é" appears twice in an object"#),
        (#"{"":1,"":2}"#, #"invalid JSON at byte 6: the key "" appears twice in an object"#),
    ])
    func refusesDuplicateKeys(_ text: String, _ expected: String) {
        #expect(parseError(text) == expected)
    }

    @Test func theSameKeyInDifferentObjectsIsFine() throws {
        let value = try JSON(parsing: #"[{"a":1},{"a":2,"b":{"a":3}}]"#)
        #expect(value == [["a": 1], ["a": 2, "b": ["a": 3]]])
    }
}
