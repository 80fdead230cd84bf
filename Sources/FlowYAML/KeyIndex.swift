/// The scalar keys of one mapping, for finding duplicates: a linear scan while small, a hash table after.
///
/// Keys are compared by their core-schema value, so `1` and `0x1` are the same key while `1` and `'1'`
/// are not. Sequence and mapping keys are not compared.
struct KeyIndex {
    private var small: [(key: Scalar.Value, line: Int)] = []
    private var large: [Scalar.Value: Int]?
    private static let smallLimit = 12

    /// Adds `key` first seen on `line`; returns the line of an equal key added before, if any.
    mutating func insert(_ key: Scalar.Value, line: Int) -> Int? {
        if large != nil {
            if let first = large![key] { return first }
            large![key] = line
            return nil
        }
        for entry in small where entry.key == key { return entry.line }
        small.append((key, line))
        if small.count > Self.smallLimit {
            large = Dictionary(small.map { ($0.key, $0.line) }, uniquingKeysWith: { first, _ in first })
            small = []
        }
        return nil
    }

    func contains(_ key: Scalar.Value) -> Bool {
        if let large { return large[key] != nil }
        return small.contains { $0.key == key }
    }
}
