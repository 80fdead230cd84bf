import FlowYAML
import Testing

@Suite struct ErrorTests {
    /// Malformed input → the exact `FILE:LINE:COL: error: MESSAGE` lines.
    @Test(arguments: [
        // Tabs
        ("a: 1\n\tb: 2\n", "t.yaml:2:1: error: found a tab character where indentation is expected; indent with spaces"),
        ("\ta: 1\n", "t.yaml:1:1: error: found a tab character where indentation is expected; indent with spaces"),
        ("a:\n\t- 1\n", "t.yaml:2:1: error: found a tab character where indentation is expected; indent with spaces"),
        ("a: |\n\tx\n", "t.yaml:2:1: error: found a tab character where indentation is expected; indent with spaces"),
        // Flow collections
        ("a: [1, 2\n",
         "t.yaml:2:1: error: the flow sequence '[' opened at line 1, column 4 is not closed; expected ']'"),
        ("a: {x: 1",
         "t.yaml:1:9: error: the flow mapping '{' opened at line 1, column 4 is not closed; expected '}'"),
        ("a: [1, 2}\n",
         "t.yaml:1:9: error: found '}' where ',' or ']' was expected in the flow sequence '[' opened at line 1, column 4"),
        ("a: {x: 1\nb: 2\n",
         "t.yaml:2:2: error: found ':' where ',' or '}' was expected in the flow mapping '{' opened at line 1, column 4"),
        ("a: [\n", "t.yaml:2:1: error: the file ends where a value was expected (is a '[' or '{' not closed?)"),
        ("[a, b]]\n",
         "t.yaml:1:7: error: found ']' after the end of the document's top-level value; check the indentation"),
        // Indentation and structure
        ("a:\n  b: 1\n c: 2\n",
         "t.yaml:3:2: error: found 'c' where a key of the mapping that starts at line 1, column 1 was expected; check the indentation"),
        ("a: 1\n  b: 2\n",
         "t.yaml:2:4: error: found ':' where it is not allowed; put the value in quotes if it contains ': ', or check the indentation"),
        ("key: value: other\n",
         "t.yaml:1:11: error: found ':' where it is not allowed; put the value in quotes if it contains ': ', or check the indentation"),
        ("- a\nb: 1\n",
         "t.yaml:2:1: error: found 'b' where an item ('- ') of the list that starts at line 1, column 1 was expected; check the indentation"),
        ("a: b\n- c\n",
         "t.yaml:2:1: error: found '-' where a key of the mapping that starts at line 1, column 1 was expected; check the indentation"),
        ("a: 1\nb\n", "t.yaml:3:1: error: expected ':' after the key that starts at line 2, column 1"),
        ("a: @x\n", "t.yaml:1:4: error: found '@', which cannot start a YAML value; put the value in quotes"),
        // Scalars
        ("a: \"abc\n", "t.yaml:2:1: error: the quoted string that starts at line 1, column 4 is not closed"),
        ("a: 'abc", "t.yaml:1:8: error: the quoted string that starts at line 1, column 4 is not closed"),
        ("a: \"\\q\"\n",
         "t.yaml:1:5: error: unknown escape sequence in a double-quoted string; write '\\\\' for a backslash, or use single quotes"),
        ("a: |0\n  x\n", "t.yaml:1:5: error: the indentation indicator of a block scalar must be a digit from 1 to 9"),
        ("v: !!int abc\n", "t.yaml:1:4: error: 'abc' is not a valid !!int"),
        ("v: !!bool yes\n", "t.yaml:1:4: error: 'yes' is not a valid !!bool"),
        ("v: !!null 0\n", "t.yaml:1:4: error: '0' is not a valid !!null"),
        ("v: !!float one\n", "t.yaml:1:4: error: 'one' is not a valid !!float"),
        ("v: !!seq x\n", "t.yaml:1:4: error: the tag !!seq cannot be used on a scalar"),
        ("v: !!str [x]\n", "t.yaml:1:4: error: the tag !!str cannot be used on a sequence"),
        ("v: 99999999999999999999\n",
         "t.yaml:1:4: error: the integer 99999999999999999999 does not fit in 64 bits; put it in quotes to keep it as a string"),
        ("v: !foo!bar x\n", "t.yaml:1:4: error: the tag's handle is not declared by a %TAG directive"),
        // Anchors and aliases
        ("a: &\n", "t.yaml:1:5: error: expected an anchor name after '&' (letters, digits, '-' or '_')"),
        ("a: *\n", "t.yaml:1:5: error: expected an anchor name after '*' (letters, digits, '-' or '_')"),
        ("a: *nope\n", "t.yaml:1:4: error: unknown anchor 'nope': no '&nope' is defined before this alias"),
        ("a: *later\nb: &later 1\n", "t.yaml:1:4: error: unknown anchor 'later': no '&later' is defined before this alias"),
        ("a: &x [1, *x]\n",
         "t.yaml:1:11: error: the alias '*x' refers to the node that contains it; recursive aliases are not allowed"),
        ("a:\n  <<: 1\n", "t.yaml:2:7: error: the value of the merge key '<<' must be a mapping or a list of mappings, not a scalar"),
        ("a:\n  <<: [{x: 1}, 2]\n",
         "t.yaml:2:7: error: the value of the merge key '<<' must be a mapping or a list of mappings, not a list with items that are not mappings"),
        // Duplicate keys
        ("name: a\nother: b\nname: c\n", "t.yaml:3:1: error: duplicate key 'name' (first defined on line 1)"),
        ("steps:\n  - id: a\n    run: x\n    id: b\n", "t.yaml:4:5: error: duplicate key 'id' (first defined on line 2)"),
        ("{a: 1, b: 2, a: 3}\n", "t.yaml:1:14: error: duplicate key 'a' (first defined on line 1)"),
        ("1: a\n0x1: b\n", "t.yaml:2:1: error: duplicate key '0x1' (first defined on line 1)"),
        ("b: &b {x: 1}\nc:\n  <<: *b\n  <<: *b\n",
         "t.yaml:4:3: error: duplicate key '<<' (first used on line 3); merge several mappings with '<<: [*a, *b]'"),
        // Documents
        ("a: 1\n---\nb: 2\n",
         "t.yaml:2:1: error: found a second YAML document; the file must hold exactly one (remove this '---' and what follows)"),
        ("--- a\n...\n--- b\n",
         "t.yaml:3:1: error: found a second YAML document; the file must hold exactly one (remove this '---' and what follows)"),
        ("", "t.yaml:1:1: error: the file is empty: it holds no YAML document, only blank lines or comments"),
        ("# just a comment\n\n", "t.yaml:1:1: error: the file is empty: it holds no YAML document, only blank lines or comments"),
        ("%YAML 1.2\n%YAML 1.2\n---\na\n", "t.yaml:2:1: error: the %YAML directive appears twice"),
    ])
    func malformed(source: String, expected: String) {
        #expect(diagnostics(source) == expected)
    }

    /// Bytes that are not UTF-8, or characters YAML forbids.
    @Test(arguments: [
        (Array("a: ".utf8) + [0xFF, 0x0A],
         "t.yaml:1:4: error: the file is not valid UTF-8 (byte 0xFF cannot start a character); save it as UTF-8"),
        ([0xFF, 0xFE, 0x61, 0x00],
         "t.yaml:1:1: error: the file is not valid UTF-8 (it starts with a UTF-16 byte order mark); save it as UTF-8"),
        (Array("a: 1\nb: é".utf8) + [0xC3, 0x28],
         "t.yaml:2:6: error: the file is not valid UTF-8 (byte 0x28 cannot continue a character); save it as UTF-8"),
        (Array("a: ".utf8) + [0xC3],
         "t.yaml:1:4: error: the file is not valid UTF-8 (it ends in the middle of a character); save it as UTF-8"),
        (Array("a: ".utf8) + [0xED, 0xA0, 0x80],
         "t.yaml:1:4: error: the file is not valid UTF-8 (it encodes U+D800, which is not a character); save it as UTF-8"),
        (Array("a\u{1}: 1\n".utf8),
         "t.yaml:1:2: error: the file contains the control character U+0001, which YAML does not allow"),
    ] as [([UInt8], String)])
    func encoding(bytes: [UInt8], expected: String) {
        #expect(diagnostics(bytes) == expected)
    }

    @Test func problemsThatDoNotStopReadingAreAllReported() {
        let source = "a: 1\na: 2\nb: *missing\nc: !!int x\n"
        #expect(
            diagnostics(source) == """
                t.yaml:2:1: error: duplicate key 'a' (first defined on line 1)
                t.yaml:3:4: error: unknown anchor 'missing': no '&missing' is defined before this alias
                t.yaml:4:4: error: 'x' is not a valid !!int
                """)
    }

    @Test func laterSyntaxErrorKeepsEarlierProblems() {
        #expect(
            diagnostics("a: 1\na: 2\nb: [\n") == """
                t.yaml:2:1: error: duplicate key 'a' (first defined on line 1)
                t.yaml:4:1: error: the file ends where a value was expected (is a '[' or '{' not closed?)
                """)
    }

    @Test func renderedWithSourceLineAndCaret() {
        #expect(
            rendered("on:\n  push: {}\nsteps:\n\t- run: x\n") == """
                t.yaml:4:1: error: found a tab character where indentation is expected; indent with spaces
                   - run: x
                  ^
                """)
        #expect(
            rendered("steps:\n  - id: fetch\n    with: {url: x\n")
                == "t.yaml:4:1: error: the flow mapping '{' opened at line 3, column 11 is not closed; expected '}'"
                + "\n  \n  ^")
        #expect(
            rendered("steps:\n  - id: a\n  - id: b\n    id: c\n") == """
                t.yaml:4:5: error: duplicate key 'id' (first defined on line 3)
                      id: c
                      ^
                """)
        #expect(
            rendered("名前: [x, y}\n") == """
                t.yaml:1:10: error: found '}' where ',' or ']' was expected in the flow sequence '[' opened at line 1, column 5
                  名前: [x, y}
                           ^
                """)
    }

    @Test func nestingDeeperThanTheLimitIsAnError() {
        let source = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(diagnostics(source) == "t.yaml:1:257: error: collections are nested more than 256 levels deep")
        #expect(diagnostics(source, parser: YAMLParser(maximumDepth: 400)) == nil)
    }
}
