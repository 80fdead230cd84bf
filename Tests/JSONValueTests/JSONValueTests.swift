import JSONValue
import Testing

@Test func parsesAnEmptyObject() throws {
    #expect(try JSON(parsing: "{}") == .object([:]))
}
