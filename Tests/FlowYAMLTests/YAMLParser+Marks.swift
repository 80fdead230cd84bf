import FlowYAML
import Testing

@Suite struct MarkTests {
    @Test func marksOfNestedNodes() throws {
        let source = """
            steps:
              - id: fetch
                with:
                  url: "https://example.com"
                  list: [a, {b: c}]
            """
        let root = try parse(source)
        #expect(root.mark == Mark(line: 1, column: 1))
        #expect(root.mapping?.first?.key.mark == Mark(line: 1, column: 1))
        let steps = try #require(root["steps"])
        #expect(steps.mark == Mark(line: 2, column: 3))
        let step = try #require(steps.sequence?.first)
        #expect(step.mark == Mark(line: 2, column: 5))
        #expect(step["id"]?.mark == Mark(line: 2, column: 9))
        let with = try #require(step["with"])
        #expect(with.mark == Mark(line: 4, column: 7))
        #expect(with["url"]?.mark == Mark(line: 4, column: 12))
        let list = try #require(with["list"])
        #expect(list.mark == Mark(line: 5, column: 13))
        #expect(list.sequence?.map(\.mark) == [Mark(line: 5, column: 14), Mark(line: 5, column: 17)])
        #expect(list.sequence?.last?["b"]?.mark == Mark(line: 5, column: 21))
    }

    /// libyaml counts characters; a column is a count of Unicode scalars, not bytes or UTF-16 units.
    @Test func columnsCountUnicodeScalars() throws {
        let root = try parse("名前: 値\nキー: [é, ü]\n😀: x\n")
        #expect(root["名前"]?.mark == Mark(line: 1, column: 5))
        #expect(root["キー"]?.sequence?.map(\.mark) == [Mark(line: 2, column: 6), Mark(line: 2, column: 9)])
        #expect(root["😀"]?.mark == Mark(line: 3, column: 4))
        #expect(diagnostics("é: 1\nü: [x, *zz]\n") == "t.yaml:2:8: error: unknown anchor 'zz': no '&zz' is defined before this alias")
    }

    @Test func tagsAndAnchorsStartTheNode() throws {
        let root = try parse("a: !!str 1\nb: &x [1]\n")
        #expect(root["a"]?.mark == Mark(line: 1, column: 4))
        #expect(root["b"]?.mark == Mark(line: 2, column: 4))
    }

    @Test func windowsLineBreaks() throws {
        let root = try parse("a: 1\r\nb:\r\n  c: 2\r\n")
        #expect(root["b"]?["c"]?.mark == Mark(line: 3, column: 6))
        #expect(diagnostics("a: 1\r\na: 2\r\n") == "t.yaml:2:1: error: duplicate key 'a' (first defined on line 1)")
    }
}
