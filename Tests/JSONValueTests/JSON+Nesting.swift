import JSONValue
import Testing

/// Nesting is limited to `JSON.maximumNestingDepth` arrays and objects, so a hostile text cannot overflow
/// the stack of the parser (or of `==`, hashing, rendering and freeing, which recurse too).
@Suite struct NestingTests {
    static let limit = JSON.maximumNestingDepth

    @Test func theLimitIs512() {
        #expect(JSON.maximumNestingDepth == 512)
    }

    /// Exactly `limit` levels parse (with a value or nothing in the innermost) and render back.
    @Test(arguments: [("[", "]", "1"), ("[", "]", ""), (#"{"a":"#, "}", "true"), (#"{"a":"#, "}", #""x""#)])
    func theDeepestAllowedTextParses(open: String, close: String, inner: String) throws {
        let text = String(repeating: open, count: Self.limit) + inner + String(repeating: close, count: Self.limit)
        let value = try JSON(parsing: text)
        #expect(depth(of: value) == Self.limit)
        #expect(value.rendered() == text)
        #expect(try JSON(parsing: value.rendered()) == value)
    }

    /// One level more, 100,000 levels, or 100,000 unclosed ones → refused where the level too many opens.
    @Test(arguments: [
        ("[", "]", 513), (#"{"a":"#, "}", 513), ("[", "]", 100_000), ("[", "", 100_000), (#"{"a":"#, "", 100_000),
    ])
    func aDeeperTextIsRefused(open: String, close: String, levels: Int) {
        let text = String(repeating: open, count: levels) + String(repeating: close, count: levels)
        let offset = Self.limit * open.utf8.count
        #expect(parseError(text) == "invalid JSON at byte \(offset): arrays and objects nested deeper than 512 levels")
    }

    /// Width is not depth: a long flat array and many sibling objects parse.
    @Test func wideTextsParse() throws {
        let flat = "[" + Array(repeating: "[1]", count: 100_000).joined(separator: ",") + "]"
        #expect(try JSON(parsing: flat).arrayValue?.count == 100_000)
    }

    private func depth(of value: JSON) -> Int {
        var depth = 0
        var current = value
        while true {
            switch current {
            case .array(let elements) where !elements.isEmpty: current = elements[0]
            case .object(let members) where !members.isEmpty: current = members.values.first!
            case .array, .object: return depth + 1
            default: return depth
            }
            depth += 1
        }
    }
}
