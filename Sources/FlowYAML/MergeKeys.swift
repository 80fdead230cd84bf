/// Merge keys (`<<: *base`, `<<: [*a, *b]`), applied the way the YAML merge-key spec describes:
/// keys written in the mapping win over merged ones, and earlier merged mappings win over later ones.
/// Merged entries take the place of the `<<` entry.
enum MergeKeys {
    /// The entries a `<<` value brings in, or `nil` when it is not a mapping or a list of mappings.
    static func entries(of value: Node) -> [[Node.Pair]]? {
        switch value.kind {
        case .mapping(let pairs):
            return [pairs]
        case .sequence(let items):
            var sources: [[Node.Pair]] = []
            for item in items {
                guard case .mapping(let pairs) = item.kind else { return nil }
                sources.append(pairs)
            }
            return sources
        case .scalar:
            return nil
        }
    }

    /// `pairs` with each merge's entries inserted at its position, minus keys already present.
    static func apply(_ merges: [(position: Int, sources: [[Node.Pair]])], to pairs: [Node.Pair]) -> [Node.Pair] {
        var present = Set(pairs.compactMap { $0.key.scalar?.value })
        var result: [Node.Pair] = []
        result.reserveCapacity(merges.reduce(pairs.count) { $0 + $1.sources.reduce(0) { $0 + $1.count } })
        var next = 0
        for merge in merges {
            result.append(contentsOf: pairs[next..<merge.position])
            next = merge.position
            for source in merge.sources {
                for pair in source {
                    if let key = pair.key.scalar?.value, !present.insert(key).inserted { continue }
                    result.append(pair)
                }
            }
        }
        result.append(contentsOf: pairs[next...])
        return result
    }
}
