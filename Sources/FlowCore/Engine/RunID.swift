import Foundation

/// Run ids: `20261129T003512Z-3f9a1c` — the UTC start second, then 6 random hex digits.
///
/// Ids sort by start time as plain strings (runs started in the same second sort in random order); they
/// are safe as file names and need no quoting in a shell.
public enum RunID {
    public static func make(date: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(date: date, using: &generator)
    }

    public static func make(date: Date, using generator: inout some RandomNumberGenerator) -> String {
        let suffix = String(UInt32.random(in: 0..<0x100_0000, using: &generator), radix: 16)
        return "\(Timestamp.compact(date))-\(String(repeating: "0", count: 6 - suffix.count))\(suffix)"
    }
}
