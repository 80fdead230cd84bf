import FlowCore
import Testing

@Suite struct DurationParsingTests {
    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)),
        ("30s", .seconds(30)),
        ("5m", .seconds(300)),
        ("2h", .seconds(7200)),
        ("1h30m", .seconds(5400)),
        ("1h30m15s500ms", .milliseconds(5_415_500)),
        ("0s", .zero),
        ("30", .seconds(30)),
        ("1.5", .milliseconds(1500)),
        (" 10s ", .seconds(10)),
        ("90m", .seconds(5400)),
    ])
    func parses(_ text: String, _ expected: Duration) {
        #expect(Duration(parsing: text) == expected)
    }

    @Test(arguments: ["", "s", "-5", "5 m", "30m1h", "1h1h", "1.5s", "10 minutes", "ms", "1d", "abc", "1e3", "inf"])
    func rejects(_ text: String) {
        #expect(Duration(parsing: text) == nil)
    }

    @Test(arguments: [
        (Duration.milliseconds(250), "250ms"),
        (.seconds(30), "30s"),
        (.seconds(300), "5m"),
        (.seconds(5400), "1h30m"),
        (.seconds(7200), "2h"),
        (.zero, "0s"),
        (.milliseconds(1500), "1.5s"),
        (.seconds(3661), "1h1m1s"),
    ])
    func renders(_ duration: Duration, _ text: String) {
        #expect(duration.workflowText == text)
        #expect(Duration(parsing: text) == duration || text.contains("."))
    }

    @Test func numbersOfSeconds() {
        #expect(Duration(workflowSeconds: 2.5) == .milliseconds(2500))
        #expect(Duration(workflowSeconds: -1) == nil)
        #expect(Duration(workflowSeconds: .infinity) == nil)
        #expect(Duration.seconds(90).secondsValue == 90)
    }
}
