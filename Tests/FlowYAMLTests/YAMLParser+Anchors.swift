import FlowYAML
import Testing

@Suite struct AnchorTests {
    @Test func aliasesAreExpandedIntoCopies() throws {
        let root = try parse("base: &b\n  x: 1\n  y: [a, b]\nuse: *b\nname: &n hello\nagain: *n\n")
        #expect(root["use"] == root["base"])
        #expect(root["use"]?["y"]?.sequence?.count == 2)
        #expect(root["again"]?.value == .string("hello"))
        // A copy keeps the marks of the anchored node, so later errors point at its definition.
        #expect(root["use"]?.mark == Mark(line: 1, column: 7))
    }

    @Test func aLaterAnchorOfTheSameNameReplacesTheEarlierOne() throws {
        let root = try parse("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        #expect(root["b"]?.value == .int(1))
        #expect(root["d"]?.value == .int(2))
    }

    @Test func mergeKeyBringsInEntriesAndExplicitKeysWin() throws {
        let root = try parse("base: &base {a: 1, b: 2}\nderived:\n  <<: *base\n  b: 3\n  c: 4\n")
        let derived = try #require(root["derived"])
        #expect(derived.keys == ["a", "b", "c"])
        #expect(derived["a"]?.value == .int(1))
        #expect(derived["b"]?.value == .int(3))
        #expect(derived["c"]?.value == .int(4))
    }

    @Test func mergedEntriesTakeThePlaceOfTheMergeKey() throws {
        let root = try parse("base: &base {a: 1}\nderived:\n  z: 0\n  <<: *base\n  y: 2\n")
        #expect(root["derived"]?.keys == ["z", "a", "y"])
    }

    @Test func earlierMergedMappingsWinOverLaterOnes() throws {
        let source = """
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2, w: 2}
            c:
              <<: [*a, *b]
              w: 3
            """
        let c = try #require(try parse(source)["c"])
        #expect(c.keys == ["x", "y", "z", "w"])
        #expect(c.mapping?.map(\.value.value) == [.int(1), .int(1), .int(2), .int(3)])
    }

    @Test func mergeOfAnInlineMappingAndNestedMerges() throws {
        let root = try parse("a: &a {<<: {p: 0}, q: 1}\nb:\n  <<: *a\n  r: 2\n")
        #expect(root["a"]?.keys == ["p", "q"])
        #expect(root["b"]?.keys == ["p", "q", "r"])
    }

    @Test func aQuotedMergeKeyIsAnOrdinaryKey() throws {
        let root = try parse("\"<<\": {a: 1}\n'<<x': 2\n")
        #expect(root.keys == ["<<", "<<x"])
        #expect(root["<<"]?.mapping?.count == 1)
    }

    @Test func aliasBombStopsAtTheNodeLimit() {
        let levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for (previous, name) in zip(levels, levels.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]")
        }
        let source = lines.joined(separator: "\n") + "\n"
        // Level a is 11 nodes, b is 111: with the 125 nodes before line 3, the 8th *b of c passes 1000.
        #expect(
            diagnostics(source, parser: YAMLParser(maximumNodes: 1000))
                == "t.yaml:3:36: error: the document expands to more than 1000 nodes (aliases used too often?)")
        #expect(
            diagnostics(source)
                == "t.yaml:6:36: error: the document expands to more than 1000000 nodes (aliases used too often?)")
    }

    @Test func aLargeFileWithinTheLimitParses() throws {
        let source = (0..<2000).map { "k\($0): [a, b, c]" }.joined(separator: "\n")
        #expect(try parse(source).mapping?.count == 2000)
        #expect(diagnostics(source, parser: YAMLParser(maximumNodes: 5000)) != nil)
    }
}
