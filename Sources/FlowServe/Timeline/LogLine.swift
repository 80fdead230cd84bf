#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a run-log line is, read from its bytes without parsing it. The writer puts keys in sorted order
/// with no spaces (docs/run-log.md), and a JSON string holds no bare `"`, so `"event":"` and `"step":"`
/// occur only as the line's own keys (no key sorted before `event` holds an object with such keys).
enum LogLine {
    enum Kind: Equatable {
        /// `item_started`, `item_finished`: the store has the element's facts.
        case element
        /// `output`, with the step that printed it.
        case output(step: String)
        /// Any other event: parse it.
        case other
    }

    static func kind(of line: ArraySlice<UInt8>) -> Kind {
        line.withUnsafeBytes { bytes in
            guard let event = find(#""event":""#, in: bytes, from: 0) else { return .other }
            if starts(bytes, with: "item_", at: event) { return .element }
            guard starts(bytes, with: #"output""#, at: event), let step = find(#""step":""#, in: bytes, from: event),
                let close = bytes[step...].firstIndex(of: UInt8(ascii: "\""))
            else { return .other }
            let key = bytes[step..<close]
            // An escaped step key is rare: let the parser read it.
            guard !key.contains(UInt8(ascii: "\\")) else { return .other }
            return .output(step: String(decoding: key, as: UTF8.self))
        }
    }

    /// The complete lines of `bytes`, without their newlines (a last line without one is still being
    /// written and is left out).
    static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return [] }
            var lines: [ArraySlice<UInt8>] = []
            var start = 0
            while start < buffer.count, let newline = memchr(base + start, 0x0A, buffer.count - start) {
                let end = base.distance(to: UnsafeRawPointer(newline))
                if end > start { lines.append(bytes[start..<end]) }
                start = end + 1
            }
            return lines
        }
    }

    /// The offset just after the first `pattern` at or after `start`.
    private static func find(_ pattern: StaticString, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start
        let first = Int32(pattern.utf8Start.pointee)
        while index + pattern.utf8CodeUnitCount <= bytes.count {
            guard let found = memchr(base + index, first, bytes.count - index) else { return nil }
            index = base.distance(to: UnsafeRawPointer(found))
            if starts(bytes, with: pattern, at: index) { return index + pattern.utf8CodeUnitCount }
            index += 1
        }
        return nil
    }

    private static func starts(_ bytes: UnsafeRawBufferPointer, with pattern: StaticString, at index: Int) -> Bool {
        guard let base = bytes.baseAddress, index + pattern.utf8CodeUnitCount <= bytes.count else { return false }
        return memcmp(base + index, pattern.utf8Start, pattern.utf8CodeUnitCount) == 0
    }
}
