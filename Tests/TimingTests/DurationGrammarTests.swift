import Testing
import Timing

/// The one duration grammar: workflow files (`timeout: 2m`), the sandbox's flags (`--run-duration 2m`)
/// and fault specs (`latency=500us..2ms`) accept exactly these texts.
@Suite struct DurationGrammarTests {
    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)),
        ("30s", .seconds(30)),
        ("5m", .seconds(300)),
        ("2m", .seconds(120)),
        ("2h", .seconds(7200)),
        ("1h30m", .seconds(5400)),
        ("1h30m15s500ms", .milliseconds(5_415_500)),
        ("0s", .zero),
        ("0ms", .zero),
        ("30", .seconds(30)),
        ("1.5", .milliseconds(1500)),
        (" 10s ", .seconds(10)),
        ("90m", .seconds(5400)),
        ("1.5s", .milliseconds(1500)),
        ("0.5ms", .microseconds(500)),
        ("500us", .microseconds(500)),
        ("2.25m", .seconds(135)),
        ("1s500ms", .milliseconds(1500)),
        ("1ms500us", .microseconds(1500)),
        ("999999999ms", .milliseconds(999_999_999)),
        ("5.", .seconds(5)),
    ])
    func accepts(_ text: String, _ expected: Duration) {
        #expect(Duration(parsing: text) == expected)
    }

    @Test(arguments: [
        "", " ", "s", "ms", "-5", "-5s", "+5s", "5 m", "30m1h", "1h1h", "1ms1s", "10 minutes", "1d", "abc", "1e3",
        "1e3ms", "inf", "nan", ".5s", "1.s", "1..5s", "0x10s", "1234567890ms", "1.1234567891s", "5ns", "5S",
    ])
    func refuses(_ text: String) {
        #expect(Duration(parsing: text) == nil)
    }

    @Test func numbersOfSeconds() {
        #expect(Duration(workflowSeconds: 2.5) == .milliseconds(2500))
        #expect(Duration(workflowSeconds: 0) == .zero)
        #expect(Duration(workflowSeconds: -1) == nil)
        #expect(Duration(workflowSeconds: .infinity) == nil)
        #expect(Duration(workflowSeconds: .nan) == nil)
        #expect(Duration(workflowSeconds: 1e9) == nil)
        #expect(Duration.seconds(90).secondsValue == 90)
        #expect(Duration.milliseconds(1500).secondsValue == 1.5)
    }
}
