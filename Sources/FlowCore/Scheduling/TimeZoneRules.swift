import Foundation
import Synchronization

/// A time zone's UTC offsets as a sorted table of transitions, read once from Foundation per zone and
/// cached, so that converting between instants and local wall-clock time is a binary search.
///
/// The table covers 1900–2200; before it the first offset applies, after it the last one.
final class TimeZoneRules: Sendable {
    /// Instants (seconds since 1970) at which the offset changes.
    let transitions: [Int]
    /// `offsets[i]` applies from `transitions[i - 1]` (inclusive) to `transitions[i]` (exclusive).
    let offsets: [Int]

    init(transitions: [Int], offsets: [Int]) {
        self.transitions = transitions
        self.offsets = offsets
    }

    private static let cache = Mutex<[String: TimeZoneRules]>([:])

    static func rules(for timeZone: TimeZone) -> TimeZoneRules {
        let identifier = timeZone.identifier
        if let cached = cache.withLock({ $0[identifier] }) { return cached }
        let rules = TimeZoneRules(reading: timeZone)
        cache.withLock { $0[identifier] = rules }
        return rules
    }

    private convenience init(reading timeZone: TimeZone) {
        let start = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        let end = 7_258_118_400.0  // 2200-01-01
        var transitions: [Int] = []
        var offsets = [timeZone.secondsFromGMT(for: start)]
        var cursor = start
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < end {
            let offset = timeZone.secondsFromGMT(for: next)
            if offset != offsets.last {
                transitions.append(Int(next.timeIntervalSince1970.rounded()))
                offsets.append(offset)
            }
            cursor = next
        }
        self.init(transitions: transitions, offsets: offsets)
    }

    /// The index of the offset in force at `instant`: the number of transitions at or before it.
    @inline(__always)
    func segment(at instant: Int) -> Int {
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func offset(at instant: Int) -> Int { offsets[segment(at: instant)] }

    /// The instant at which local wall-clock time `local` (seconds since 1970, read as if UTC) occurs:
    /// its first occurrence when it occurs twice, and the end of the gap (the transition) when it does
    /// not occur at all.
    func instant(forLocal local: Int) -> Int {
        if transitions.isEmpty { return local - offsets[0] }
        var index = segment(at: local - 86_400)
        while true {
            let instant = local - offsets[index]
            if index > 0, instant < transitions[index - 1] { return transitions[index - 1] }
            if index == transitions.count || instant < transitions[index] { return instant }
            index += 1
        }
    }
}
