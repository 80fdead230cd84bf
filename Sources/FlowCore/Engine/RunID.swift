import Foundation

/// Run ids: `20261129T003512Z-3f9a1c07e2d4` — the UTC start second, then 12 random hex digits (48 bits).
///
/// Ids sort by start time as plain strings (runs started in the same second sort in random order); they
/// are safe as file names and need no quoting in a shell. Twelve digits, not the six of earlier versions
/// (whose ids stay valid): hosts sharing one PostgreSQL store start a thousand runs in the same second when
/// a thousand workflows fall due at once, and six digits (24 bits) then collide in a few minutes of a hundred
/// (a run that cannot be recorded); with 48 bits a collision among a thousand ids is about 2 in a billion.
public enum RunID {
    public static func make(date: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(date: date, using: &generator)
    }

    public static func make(date: Date, using generator: inout some RandomNumberGenerator) -> String {
        let suffix = String(UInt64.random(in: 0..<0x1_0000_0000_0000, using: &generator), radix: 16)
        return "\(Timestamp.compact(date))-\(String(repeating: "0", count: 12 - suffix.count))\(suffix)"
    }
}
