import FlowCore
import Testing

@Suite struct EditDistanceTests {
    @Test(arguments: [
        ("stesp", ["inputs", "steps", "vars"], "steps"),
        ("lenght", ["length", "lower"], "length"),
        ("Steps", ["steps"], "steps"),
        ("outptus", ["outputs", "status"], "outputs"),
        ("fecth", ["fetch", "wait"], "fetch"),
        ("timout", ["timeout", "retry"], "timeout"),
        ("x", ["id", "as"], nil),
        ("foo", ["inputs", "steps"], nil),
        ("as", ["id"], nil),
        ("complete", ["completely", "compete"], "compete"),
        ("anything", [], nil),
    ] as [(String, [String], String?)])
    func suggestion(name: String, candidates: [String], expected: String?) {
        #expect(FlowCore.suggestion(for: name, among: candidates) == expected)
    }
}
