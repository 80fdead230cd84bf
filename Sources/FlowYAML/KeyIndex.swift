/// Finds duplicate keys in one mapping: scans the keys already composed while they are few, and hashes
/// them once there are many, so small mappings (nearly all of them) allocate nothing.
///
/// Keys are compared by their core-schema value, so `1` and `0x1` are the same key while `1` and `'1'`
/// are not. Sequence and mapping keys are not compared.
struct KeyIndex {
    /// A scalar key of the mapping: its value, and the line it is on.
    struct Key {
        var value: Scalar.Value
        var line: Int
    }

    private var table: [Scalar.Value: Int]?
    private static let scanLimit = 12

    /// The line of the key equal to `key` among `keys` (the mapping's scalar keys so far), or `nil`, in which
    /// case `key` is about to be added to them.
    mutating func firstLine(of key: Key, among keys: Slice<UnsafeBufferPointer<Key>>) -> Int? {
        if table == nil {
            if keys.count < Self.scanLimit {
                return keys.first { $0.value == key.value }?.line
            }
            var table: [Scalar.Value: Int] = [:]
            for earlier in keys where table[earlier.value] == nil { table[earlier.value] = earlier.line }
            self.table = table
        }
        if let first = table![key.value] { return first }
        table![key.value] = key.line
        return nil
    }
}
