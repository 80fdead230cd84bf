import JSONValue
import Testing

@Suite struct StringTests {
    /// Escapes and `\u` escapes → the exact string.
    @Test(arguments: [
        (#""""#, ""), (#""plain text""#, "plain text"),
        (#""\"""#, "\""), (#""\\""#, "\\"), (#""\/""#, "/"), (#""\b""#, "\u{08}"), (#""\f""#, "\u{0C}"),
        (#""\n""#, "\n"), (#""\r""#, "\r"), (#""\t""#, "\t"),
        (#""a\"b\\c\/d\be\ff\ng\rh\ti""#, "a\"b\\c/d\u{08}e\u{0C}f\ng\rh\ti"),
        (#""\u0041""#, "A"), (#""\u00e9""#, "é"), (#""\u00E9""#, "é"), (#""\u20AC""#, "€"), (#""\uFFFF""#, "\u{FFFF}"),
        (#""\u0000""#, "\u{0}"), (#""\u001f""#, "\u{1F}"), (#""\u007F""#, "\u{7F}"),
        (#""caf\u00e9 \u2603""#, "café ☃"),
        // Surrogate pairs → one scalar beyond the Basic Multilingual Plane.
        (#""\uD83D\uDE00""#, "😀"), (#""\ud83d\ude00""#, "😀"), (#""\uD800\uDC00""#, "\u{10000}"),
        (#""\uDBFF\uDFFF""#, "\u{10FFFF}"), (#""x\uD834\uDD1Ey""#, "x𝄞y"),
        // Raw UTF-8 as it is, with or without escapes around it.
        ("\"日本語 😀\"", "日本語 😀"), ("\"é\\n😀\"", "é\n😀"), ("\"\u{7F}\"", "\u{7F}"),
    ])
    func parses(_ text: String, _ expected: String) throws {
        let value = try JSON(parsing: text)
        #expect(value == .string(expected))
        #expect(Array(value.stringValue?.unicodeScalars ?? "".unicodeScalars) == Array(expected.unicodeScalars))
    }

    /// Bad escapes, lone or mismatched surrogates, control characters and unterminated strings → the exact error.
    @Test(arguments: [
        (#""\x""#, "invalid JSON at byte 1: invalid escape"),
        (#""\'""#, "invalid JSON at byte 1: invalid escape"),
        (#""ab\U0041""#, "invalid JSON at byte 3: invalid escape"),
        (#""\u12""#, #"invalid JSON at byte 5: expected four hexadecimal digits after \u"#),
        (#""\u12G4""#, #"invalid JSON at byte 5: expected four hexadecimal digits after \u"#),
        (#""\u""#, #"invalid JSON at byte 3: expected four hexadecimal digits after \u"#),
        (#""\uD800""#, #"invalid JSON at byte 1: unpaired surrogate in a \u escape"#),
        (#""\uD800x""#, #"invalid JSON at byte 1: unpaired surrogate in a \u escape"#),
        (#""\uD800\n""#, #"invalid JSON at byte 1: unpaired surrogate in a \u escape"#),
        (#""\uD800\u0041""#, #"invalid JSON at byte 1: unpaired surrogate in a \u escape"#),
        (#""\uD800\uD800""#, #"invalid JSON at byte 1: unpaired surrogate in a \u escape"#),
        (#""\uDC00""#, #"invalid JSON at byte 1: unpaired surrogate in a \u escape"#),
        (#""a\uDFFF\uD800""#, #"invalid JSON at byte 2: unpaired surrogate in a \u escape"#),
        (#""\uD800\uZZZZ""#, #"invalid JSON at byte 9: expected four hexadecimal digits after \u"#),
        ("\"a\nb\"", "invalid JSON at byte 2: unescaped control character in a string"),
        ("\"a\tb\"", "invalid JSON at byte 2: unescaped control character in a string"),
        ("\"\\n\u{0}\"", "invalid JSON at byte 3: unescaped control character in a string"),
        ("\"\u{1F}\"", "invalid JSON at byte 1: unescaped control character in a string"),
        (#""abc"#, "invalid JSON at byte 0: unterminated string"),
        (#"["ab\n"#, "invalid JSON at byte 1: unterminated string"),
        (#""\"#, "invalid JSON at byte 2: unterminated string"),
        ("'single'", "invalid JSON at byte 0: unexpected character"),
    ])
    func refuses(_ text: String, _ expected: String) {
        #expect(parseError(text) == expected)
    }

    /// Invalid UTF-8 inside a string → the offset of the first bad byte; outside one → an unexpected character.
    @Test(arguments: [
        ([0x22, 0xFF, 0x22], "invalid JSON at byte 1: invalid UTF-8 in a string"),
        ([0x22, 0x61, 0xC3, 0x22], "invalid JSON at byte 2: invalid UTF-8 in a string"),  // truncated é
        ([0x22, 0xC3, 0x28, 0x22], "invalid JSON at byte 1: invalid UTF-8 in a string"),  // bad continuation
        ([0x22, 0xC0, 0xAF, 0x22], "invalid JSON at byte 1: invalid UTF-8 in a string"),  // overlong '/'
        ([0x22, 0xED, 0xA0, 0x80, 0x22], "invalid JSON at byte 1: invalid UTF-8 in a string"),  // encoded surrogate
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid JSON at byte 1: invalid UTF-8 in a string"),  // > U+10FFFF
        ([0x22, 0x5C, 0x6E, 0x61, 0x80, 0x22], "invalid JSON at byte 4: invalid UTF-8 in a string"),  // after an escape
        ([0x22, 0xE2, 0x82, 0x5C, 0x6E, 0x22], "invalid JSON at byte 1: invalid UTF-8 in a string"),  // split by an escape
        ([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], "invalid JSON at byte 2: invalid UTF-8 in a string"),  // in a key
        ([0xFF], "invalid JSON at byte 0: unexpected character"),
        ([0x5B, 0x31, 0x2C, 0xC3, 0xA9, 0x5D], "invalid JSON at byte 3: unexpected character"),
        ([0xEF, 0xBB, 0xBF, 0x31], "invalid JSON at byte 0: unexpected character"),  // a byte order mark
    ] as [([UInt8], String)])
    func refusesInvalidUTF8(_ bytes: [UInt8], _ expected: String) {
        #expect(parseError(bytes) == expected)
    }
}
