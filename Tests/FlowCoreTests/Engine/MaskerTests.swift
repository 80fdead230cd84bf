import FlowCore
import JSONValue
import Testing

@Suite("Masker")
struct MaskerTests {
    @Test(arguments: [
        ("s3cr3t", "token s3cr3t here", "token **** here"),
        ("s3cr3t", "s3cr3ts3cr3t", "********"),
        ("p@ss word/1", "https://h/x?key=p%40ss%20word%2F1&a=1", "https://h/x?key=****&a=1"),
        ("p@ss word/1", "https://h/x?key=p@ss%20word/1", "https://h/x?key=****"),
        ("quo\"te", #"{"k":"quo\"te"}"#, #"{"k":"****"}"#),
        ("ab", "ab is too short to mask", "ab is too short to mask"),
        ("ünïcode", "x-ünïcode-y", "x-****-y"),
        ("abc", "no secret", "no secret"),
    ])
    func masksEveryForm(secret: String, text: String, expected: String) {
        #expect(Masker(secrets: [secret]).mask(text) == expected)
    }

    @Test func longerSecretsWinAndJSONIsMaskedEverywhere() {
        let masker = Masker(secrets: ["key", "key-long"])
        #expect(masker.mask("key-long key") == "**** ****")
        let json: JSON = ["key-long": ["a key", 3, nil]]
        #expect(masker.mask(json) == ["****": ["a ****", 3, nil]])
        #expect(Masker().isEmpty)
        #expect(Masker().mask("key") == "key")
    }

    @Test func theEngineMasksEventsOutcomesAndSecretInputs() async {
        let flow = workflow([
            step("a", "log", [("message", value("url https://x/?k=${{ secrets.TOKEN }}"))]),
            step("b", "change", [("target", .literal("t")), ("password", .literal("hunter22"))]),
            step("c", "log", [("message", .literal("pw hunter22 key APIKEY123"))]),
            step("d", "fail", [("message", value("bad ${{ secrets.TOKEN }}"))]),
        ])
        let options = EngineOptions(secrets: ["TOKEN": "tok/en+1"], maskedValues: ["APIKEY123"])
        let (outcome, recorder) = await execute(flow, actions: [ChangeAction()], options: options)
        #expect(await recorder.lines("output").map { $0["message"] } == ["url https://x/?k=****", "pw **** key ****"])
        #expect(outcome.step("d")?.error?.message == "bad ****")
        let text = await recorder.lines.map { $0.rendered() }.joined(separator: "\n")
        #expect(!text.contains("tok/en+1") && !text.contains("hunter22") && !text.contains("APIKEY123"))
        #expect(!text.contains("tok%2Fen%2B1"))
    }
}
