import JSONValue
import Testing

@Suite struct RenderingTests {
    /// Values → the exact compact text: integral numbers without a fraction below 10^15, the shortest text
    /// that reads back as the same Double above; `-0` as `0` (as JavaScript writes it); non-finite as `null`.
    @Test(arguments: [
        (.null, "null"), (true, "true"), (false, "false"),
        (0, "0"), (.number(-0.0), "0"), (3, "3"), (-7, "-7"), (999_999_999_999_999, "999999999999999"),
        (1e15, "1000000000000000.0"), (9_007_199_254_740_993, "9007199254740992.0"),
        (1.2345678901234569e23, "1.2345678901234569e+23"), (1e300, "1e+300"), (.number(.greatestFiniteMagnitude), "1.7976931348623157e+308"),
        (0.1, "0.1"), (-1.5, "-1.5"), (1e-7, "1e-07"), (.number(.leastNonzeroMagnitude), "5e-324"),
        (.number(.infinity), "null"), (.number(-.infinity), "null"), (.number(.nan), "null"),
        ("", #""""#), ("plain", #""plain""#), ("a\"b\\c/d", #""a\"b\\c/d""#),
        ("\n\r\t", #""\n\r\t""#), ("\u{0}\u{08}\u{0C}\u{1F}", #""\u0000\u0008\u000c\u001f""#),
        ("\u{7F}é😀\u{2028}", "\"\u{7F}é😀\u{2028}\""),
        ([], "[]"), ([:], "{}"), ([1, [2, []], [:]], "[1,[2,[]],{}]"),
    ] as [(JSON, String)])
    func renders(_ value: JSON, _ expected: String) {
        #expect(value.rendered() == expected)
        #expect(value.description == expected)
        #expect(value.utf8Data == Array(expected.utf8))
    }

    /// Keys in Swift's string order: by Unicode scalar after normalisation, so upper case before lower
    /// case and accented letters after `z`.
    @Test func keysAreSorted() {
        let value: JSON = ["b": 1, "a": 2, "B": 3, "": 4, "é": 5, "z": 6, "a b": 7, "10": 8, "9": 9]
        #expect(value.rendered() == #"{"":4,"10":8,"9":9,"B":3,"a":2,"a b":7,"b":1,"z":6,"é":5}"#)
    }

    @Test func prettyIndentsByTwoSpaces() {
        let value: JSON = ["b": [1, ["x": nil]], "a": [:], "c": []]
        #expect(value.rendered(pretty: true) == """
            {
              "a": {},
              "b": [
                1,
                {
                  "x": null
                }
              ],
              "c": []
            }
            """)
    }

    /// parse → render → parse gives an equal value, and rendering that again gives the same text.
    @Test(arguments: [
        "null", "true", "false", "0", "-0", "-0.0", "1", "-1", "0.1", "1e2", "1E+2", "1e-2", "-2.5E-3", "1e-400",
        "123456789012345678901234567890", "9007199254740993", "18446744073709551616", "1.7976931348623157e308",
        "5e-324", "0.1000000000000000055511151231257827", "3.141592653589793", "1e22", "1e23", "123.456e-7",
        #""""#, #""\"\\\/\b\f\n\r\t""#, #""\u0000\u001F\u007f\u0080\u07FF\u0800\uFFFF""#, #""\uD83D\uDE00 é ☃""#,
        "[]", "{}", #"[1,"a",true,false,null,[],{},[[]]]"#, #"{"b":1,"a":{"d":[1,2],"c":null},"":"x"}"#,
        #"{"\u00e9":1,"z":2,"Z":3,"a\nb":"\u0001"}"#, " [ 1 , { \"k\" : [ ] } ] ",
    ])
    func roundTrips(_ text: String) throws {
        let value = try JSON(parsing: text)
        let rendered = value.rendered()
        let reparsed = try JSON(parsing: rendered)
        #expect(reparsed == value)
        #expect(reparsed.rendered() == rendered)
        #expect(try JSON(parsing: value.rendered(pretty: true)) == value)
    }

    /// `-0` is equal to `0` (as Doubles are), so it round-trips although it is written as `0`.
    @Test func negativeZeroRoundTripsAsZero() throws {
        let value = try JSON(parsing: "-0")
        #expect(value.doubleValue?.sign == .minus)
        #expect(value.rendered() == "0")
        #expect(try JSON(parsing: value.rendered()) == value)
    }
}
