import Foundation
import FlowYAML
import Testing

@Suite struct StructureTests {
    @Test func mappingsKeepTheirOrder() throws {
        let root = try parse("zeta: 1\nalpha: 2\nmid: 3\n")
        #expect(root.keys == ["zeta", "alpha", "mid"])
    }

    @Test func kindsOfNodes() throws {
        let root = try parse("s: x\nq: [1, two]\nm: {k: v}\nblock:\n  - a\n  - b: c\n")
        #expect(root.kindName == "mapping")
        #expect(root["s"]?.kindName == "scalar")
        #expect(root["q"]?.sequence?.map(\.value) == [.int(1), .string("two")])
        #expect(root["m"]?["k"]?.value == .string("v"))
        #expect(root["block"]?.sequence?.count == 2)
        #expect(root["block"]?.sequence?.last?["b"]?.value == .string("c"))
    }

    @Test func aTopLevelScalarOrSequenceIsADocument() throws {
        #expect(try parse("hello\n").value == .string("hello"))
        #expect(try parse("- 1\n- 2\n").sequence?.count == 2)
        #expect(try parse("---\n").value == .null)
        #expect(try parse("--- x\n...\n").value == .string("x"))
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let root = try YAMLParser().parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), file: "t.yaml")
        #expect(root["a"]?.value == .int(1))
    }

    @Test func fixtureWorkflowParses() throws {
        let url = try #require(Bundle.module.url(forResource: "workflow", withExtension: "yaml", subdirectory: "Fixtures"))
        let bytes = try [UInt8](Data(contentsOf: url))
        let root = try YAMLParser().parse(bytes, file: "workflow.yaml")
        #expect(root.keys == ["name", "on", "defaults", "steps"])
        let steps = try #require(root["steps"]?.sequence)
        #expect(steps.map { $0["id"]?.scalar?.text } == ["fetch", "index", "report"])
        #expect(steps[1]["with"]?["retries"]?.value == .int(3))
        #expect(steps[1]["with"]?["timeout"]?.value == .string("30s"))
        #expect(steps[2]["with"]?["body"]?.scalar?.style == .literal)
    }
}
