import Testing
import Timing

/// The one renderer: what it writes is in the grammar and reads back to the same duration.
@Suite struct DurationTextTests {
    @Test(arguments: [
        (Duration.zero, "0ms"),
        (.milliseconds(1), "1ms"),
        (.milliseconds(250), "250ms"),
        (.milliseconds(999), "999ms"),
        (.microseconds(500), "0.5ms"),
        (.microseconds(1500), "1.5ms"),
        (.nanoseconds(1), "0.000001ms"),
        (.seconds(1), "1s"),
        (.seconds(30), "30s"),
        (.milliseconds(1500), "1.5s"),
        (.milliseconds(1234), "1.234s"),
        (.microseconds(1_000_500), "1.0005s"),
        (.seconds(60), "1m"),
        (.seconds(90), "1m30s"),
        (.seconds(300), "5m"),
        (.seconds(3600), "1h"),
        (.seconds(3661), "1h1m1s"),
        (.seconds(5400), "1h30m"),
        (.seconds(7200), "2h"),
        (.milliseconds(3_600_500), "3600.5s"),
        (.seconds(-1), "0ms"),
    ])
    func describes(_ duration: Duration, _ text: String) {
        #expect(DurationText.describe(duration) == text)
        #expect(duration.workflowText == text)
        if duration >= .zero { #expect(Duration(parsing: text) == duration) }
    }

    @Test(arguments: [
        (Duration.milliseconds(100), "100 ms"),
        (.milliseconds(250), "250 ms"),
        (.microseconds(500), "0.5 ms"),
        (.seconds(1), "1 s"),
        (.milliseconds(1500), "1.5 s"),
        (.seconds(30), "30 s"),
        (.seconds(119), "119 s"),
        (.seconds(120), "2 min"),
        (.seconds(150), "2.5 min"),
        (.seconds(3600), "60 min"),
    ])
    func speaks(_ duration: Duration, _ text: String) {
        #expect(DurationText.spoken(duration) == text)
    }

    @Test(arguments: [
        (0, "0ms"), (340, "340ms"), (999, "999ms"), (1000, "1.0s"), (12_440, "12.4s"), (12_450, "12.5s"),
        (59_960, "60.0s"), (60_000, "1m00s"), (245_000, "4m05s"), (3_599_999, "59m59s"), (7_380_000, "2h03m"),
    ])
    func roundsForTables(_ milliseconds: Int, _ text: String) {
        #expect(DurationText.rounded(milliseconds: milliseconds) == text)
    }
}
