import Synchronization

private let hexDigits: [Character] = Array("0123456789abcdef")

/// A seeded random stream (SplitMix64) shared by concurrent requests: with a seed and one request at a
/// time, every id, token, job timing and fault is the same from run to run.
final class SandboxRandom: Sendable {
    private let state: Mutex<UInt64>

    init(seed: UInt64) { state = Mutex(seed) }

    func next() -> UInt64 {
        state.withLock { value in
            value &+= 0x9E37_79B9_7F4A_7C15
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Uniform in `0..<1`.
    func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// `count` random bytes as lower-case hex.
    func hex(bytes count: Int) -> String {
        var text = ""
        text.reserveCapacity(count * 2)
        var word = next()
        for index in 0..<count {
            if index > 0, index % 8 == 0 { word = next() }
            let byte = UInt8(truncatingIfNeeded: word >> ((index % 8) * 8))
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0xF)])
        }
        return text
    }

    /// A version-4-shaped UUID string from the stream.
    func uuid() -> String {
        let h = Array(hex(bytes: 16))
        func slice(_ from: Int, _ to: Int) -> String { String(h[from..<to]) }
        return "\(slice(0, 8))-\(slice(8, 12))-4\(slice(13, 16))-a\(slice(17, 20))-\(slice(20, 32))"
    }
}

/// FNV-1a of an API key: confirm tokens are bound to the key without storing it.
func keyFingerprint(_ key: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
}
