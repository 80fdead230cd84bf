import FlowCore
import Foundation
import JSONValue
import Testing

@Suite("Input binding and secrets files")
struct InputBinderTests {
    static let declarations = [
        InputDeclaration(name: "prefix", type: .string, defaultValue: "v2-"),
        InputDeclaration(name: "count", type: .number),
        InputDeclaration(name: "dry", type: .boolean, defaultValue: false),
        InputDeclaration(name: "names", type: .list),
        InputDeclaration(name: "config", type: .object),
        InputDeclaration(name: "index", type: .string, required: true),
    ]

    @Test func convertsEachTypeAndAppliesDefaults() throws {
        let bound = try InputBinder.bind(
            declarations: Self.declarations,
            raw: ["count": "2.5", "dry": "true", "names": #"["a","b"]"#, "config": #"{"k":1}"#, "index": "news"])
        #expect(
            bound == [
                "prefix": "v2-", "count": 2.5, "dry": true, "names": ["a", "b"], "config": ["k": 1], "index": "news",
            ])
    }

    @Test(arguments: [
        (["index": "x", "prefx": "a"], "the workflow has no input 'prefx'; did you mean 'prefix'?"),
        (
            ["index": "x", "zzzzzz": "a"],
            "the workflow has no input 'zzzzzz'; its inputs are 'config', 'count', 'dry', 'index', 'names', 'prefix'"
        ),
        ([:], "input 'index' is required: give it with --input index=VALUE"),
        (["index": "x", "count": "many"], "input 'count' must be a number: 'many' is not a number"),
        (
            ["index": "x", "dry": "yes"],
            "input 'dry' must be a boolean (true or false): 'yes' is neither true nor false"
        ),
        (["index": "x", "names": "{}"], #"input 'names' must be a JSON list such as ["a","b"]: '{}' is an object"#),
    ])
    func rejectsWithASentence(raw: [String: String], message: String) {
        #expect(throws: InputError(problems: [message])) {
            try InputBinder.bind(declarations: Self.declarations, raw: raw)
        }
    }

    @Test func parsesDotenv() throws {
        let text = """
            # comment
            export TOKEN=abc123
            QUOTED="a \\"b\\" c"
            SINGLE='it''s'
            PLAIN=value # trailing comment

            EMPTY=
            """
        let values = try SecretsFile.parse(text)
        #expect(values == ["TOKEN": "abc123", "QUOTED": #"a "b" c"#, "SINGLE": "it", "PLAIN": "value", "EMPTY": ""])
    }

    @Test func refusesAFileOthersCanRead() throws {
        let path = NSTemporaryDirectory() + "havenflow-secrets-\(UUID().uuidString).env"
        try "TOKEN=x\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        chmod(path, 0o644)
        #expect(
            throws: SecretsFileError(
                "the secrets file \(path) may be read or changed by other users (mode 644): run `chmod 600 \(path)` and try again"
            )
        ) {
            try SecretsFile.load(path: path)
        }
        chmod(path, 0o600)
        #expect(try SecretsFile.load(path: path) == ["TOKEN": "x"])
    }
}
