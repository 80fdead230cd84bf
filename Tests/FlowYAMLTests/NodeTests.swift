import FlowYAML
import Testing

/// `Node` keeps most nodes in a compact storage and the rest in a box; its public properties must read
/// back exactly what was given, whichever storage holds them.
@Suite struct NodeTests {
    static let mark = Mark(line: 3, column: 7)

    static func scalar(_ text: String, _ value: Scalar.Value, style: Scalar.Style = .plain) -> Scalar {
        Scalar(text: text, style: style, value: value)
    }

    @Test(arguments: [
        // Values the text resolves to (stored compactly)…
        scalar("42", .int(42)), scalar("", .null), scalar("x", .string("x")),
        scalar("'1'", .string("'1'"), style: .singleQuoted),
        scalar(".nan", .float(.nan)), scalar("99999999999999999999", .string("99999999999999999999")),
        // … and values it does not (boxed).
        scalar("42", .string("42")), scalar("0x1", .int(2)), scalar("-0.0", .float(0.0)), scalar("x", .string("y")),
        scalar("1", .int(1), style: .doubleQuoted), scalar("caf\u{E9}", .string("cafe\u{301}")),
    ])
    func aScalarReadsBackAsBuilt(scalar: Scalar) {
        for tag in [nil, "tag:yaml.org,2002:str", "!custom"] {
            let node = Node(.scalar(scalar), mark: Self.mark, tag: tag)
            let read = node.scalar
            #expect(read?.text == scalar.text)
            #expect(read?.style == scalar.style)
            #expect(read.map { Self.identical($0.value, scalar.value) } == true)
            #expect(node.tag == tag)
            #expect(node.mark == Self.mark)
            #expect(node.sequence == nil && node.mapping == nil)
        }
    }

    @Test func collectionsReadBackAsBuilt() {
        let item = Node(.scalar(Self.scalar("a", .string("a"))), mark: Mark(line: 1, column: 3))
        let pair = Node.Pair(key: item, value: Node(.sequence([item]), mark: Mark(line: 1, column: 6)))
        for tag in [nil, "tag:yaml.org,2002:map"] {
            let sequence = Node(.sequence([item, item]), mark: Self.mark, tag: tag)
            #expect(sequence.sequence == [item, item])
            #expect(sequence.kind == .sequence([item, item]))
            #expect(sequence.tag == tag && sequence.mark == Self.mark && sequence.scalar == nil)
            let mapping = Node(.mapping([pair]), mark: Self.mark, tag: tag)
            #expect(mapping.mapping == [pair])
            #expect(mapping["a"] == pair.value)
            #expect(mapping.tag == tag && mapping.mark == Self.mark && mapping.sequence == nil)
        }
    }

    @Test(arguments: [
        Mark(line: 0, column: 0), Mark(line: Int(UInt32.max), column: Int(UInt32.max)),
        Mark(line: Int(UInt32.max) + 1, column: 1), Mark(line: 1, column: Int(UInt32.max) + 1),
        Mark(line: -1, column: 5), Mark(line: .max, column: .min),
    ])
    func anyMarkReadsBack(mark: Mark) {
        let node = Node(.scalar(Self.scalar("v", .string("v"))), mark: mark)
        #expect(node.mark == mark)
        #expect(node.scalar?.value == .string("v"))
    }

    @Test func settersChangeOnlyWhatTheySet() {
        var node = Node(.scalar(Self.scalar("7", .int(7))), mark: Self.mark)
        node.tag = "tag:yaml.org,2002:int"
        #expect(node.tag == "tag:yaml.org,2002:int" && node.scalar?.value == .int(7) && node.mark == Self.mark)
        node.mark.line = Int(UInt32.max) + 10
        #expect(node.mark == Mark(line: Int(UInt32.max) + 10, column: 7) && node.tag == "tag:yaml.org,2002:int")
        node.kind = .sequence([])
        #expect(node.sequence == [] && node.tag == "tag:yaml.org,2002:int" && node.mark.column == 7)
        node.tag = nil
        node.mark = Self.mark
        #expect(node == Node(.sequence([]), mark: Self.mark))
    }

    @Test func equalityComparesWhatTheNodesHold() throws {
        let parsed = try parse("a: 1\n")
        let built = Node(
            .mapping([
                Node.Pair(
                    key: Node(.scalar(Self.scalar("a", .string("a"))), mark: Mark(line: 1, column: 1)),
                    value: Node(.scalar(Self.scalar("1", .int(1))), mark: Mark(line: 1, column: 4)))
            ]), mark: Mark(line: 1, column: 1))
        #expect(parsed == built)
        #expect(parsed.hashValue == built.hashValue)
        var changed = built
        changed.kind = .mapping([
            Node.Pair(
                key: built.mapping![0].key,
                value: Node(.scalar(Self.scalar("1", .string("1"))), mark: Mark(line: 1, column: 4)))
        ])
        #expect(parsed != changed)
        #expect(try parse("a: !!str 1\n") != parsed)
    }

    /// Texts are kept inline up to 7 bytes, in shared chunks beyond (a chunk of their own beyond 4 KB).
    @Test func parsedTextsOfEveryLengthReadBack() throws {
        let lengths = Array(0...17) + [63, 64, 1000, 1023, 1024, 1025, 4095, 4096, 4097, 70_000]
        let texts = lengths.flatMap { length in ["a", "é", "名", "🙂"].map { String(repeating: $0, count: length) } }
        var yaml = ""
        for text in texts {
            yaml += "- \"\(text)\"\n- |-\n  \(text)\n"
            if !text.isEmpty { yaml += "- \(text)\n" }
        }
        yaml += "- 1234567\n- 12345678\n- 123456789012345678\n- -1.5e-300\n"
        let items = try #require(try YAMLParser(maximumNodes: .max).parse(yaml, file: "t.yaml").sequence)
        var expected: [Scalar] = []
        for text in texts {
            expected.append(Scalar(text: text, style: .doubleQuoted, value: .string(text)))
            expected.append(Scalar(text: text, style: .literal, value: .string(text)))
            if !text.isEmpty { expected.append(Scalar(text: text, style: .plain, value: .string(text))) }
        }
        expected += [
            Scalar(text: "1234567", style: .plain, value: .int(1_234_567)),
            Scalar(text: "12345678", style: .plain, value: .int(12_345_678)),
            Scalar(text: "123456789012345678", style: .plain, value: .int(123_456_789_012_345_678)),
            Scalar(text: "-1.5e-300", style: .plain, value: .float(-1.5e-300)),
        ]
        #expect(items.map(\.scalar) == expected)
    }

    /// A text longer than the chunk that comes next (1 KB at first) but shared (≤ 4 KB) gets a chunk that
    /// holds it whole (found by the loader fuzzer: invalid UTF-8 made a 1.2 KB scalar the file's first text).
    @Test(arguments: [1025, 2000, 4000, 4096])
    func aLongFirstTextFitsItsChunk(length: Int) throws {
        let texts = ["x", "y", "z"].map { String(repeating: $0, count: length) }
        let yaml = texts.map { "- \($0)\n" }.joined()
        let items = try #require(try YAMLParser().parse(yaml, file: "t.yaml").sequence)
        #expect(items.map(\.scalar?.text) == texts)
    }

    /// The parsed tree's memory: 24 bytes a node, 48 a mapping entry (docs/yaml.md).
    @Test func aNodeTakes24Bytes() {
        #expect(MemoryLayout<Node>.stride == 24)
        #expect(MemoryLayout<Node.Pair>.stride == 48)
    }

    /// The same value down to the bytes: floats bit for bit, strings without Unicode equivalence.
    private static func identical(_ left: Scalar.Value, _ right: Scalar.Value) -> Bool {
        String(reflecting: left).utf8.elementsEqual(String(reflecting: right).utf8)
    }
}
