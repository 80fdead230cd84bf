/// Finds duplicate keys in one mapping: scans the entries already composed while they are few, and hashes
/// them once there are many, so small mappings (nearly all of them) allocate nothing.
///
/// Keys are compared by their core-schema value, so `1` and `0x1` are the same key while `1` and `'1'`
/// are not. Sequence and mapping keys are not compared.
struct KeyIndex {
    private var table: [Scalar.Value: Int]?
    private static let scanLimit = 12

    /// The line of the key equal to `key` among `entries` (the mapping's entries so far), or `nil`, in which
    /// case `key` (on `line`) is about to be added to them.
    mutating func firstLine(of key: Scalar.Value, line: Int, in entries: Slice<UnsafeBufferPointer<Node.Pair>>) -> Int? {
        if table == nil {
            if entries.count < Self.scanLimit {
                for entry in entries {
                    if case .scalar(let scalar) = entry.key.kind, scalar.value == key { return entry.key.mark.line }
                }
                return nil
            }
            var table: [Scalar.Value: Int] = [:]
            for entry in entries {
                if case .scalar(let scalar) = entry.key.kind, table[scalar.value] == nil {
                    table[scalar.value] = entry.key.mark.line
                }
            }
            self.table = table
        }
        if let first = table![key] { return first }
        table![key] = line
        return nil
    }
}
