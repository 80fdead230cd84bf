internal import CYAML

extension Composer {
    /// Composes a mapping: reports duplicate keys (at the second one) and applies merge keys.
    mutating func composeMapping(depth: Int) throws(YAMLError) -> Node {
        let (mark, tag, anchor, sizeBefore) = try beginCollection(depth: depth)
        var pairs: [Node.Pair] = []
        var keys = KeyIndex()
        var merges: [(position: Int, sources: [[Node.Pair]])] = []
        while true {
            try advance()
            if reader.kind == YAML_MAPPING_END_EVENT { break }
            let isMerge = reader.isMergeKey
            let key = try composeNode(depth: depth + 1)
            try advance()
            let value = try composeNode(depth: depth + 1)
            if let scalar = key.scalar, let first = keys.insert(scalar.value, line: key.mark.line) {
                report(.duplicateKey(scalar.text, firstLine: first), at: key.mark)
                continue
            }
            if isMerge {
                if let sources = MergeKeys.entries(of: value) {
                    merges.append((pairs.count, sources))
                } else {
                    let found = value.scalar == nil ? "a list with items that are not mappings" : "a scalar"
                    report(.mergeValue(found: found), at: value.mark)
                }
                continue
            }
            pairs.append(Node.Pair(key: key, value: value))
        }
        if !merges.isEmpty { pairs = MergeKeys.apply(merges, to: pairs, keys: keys) }
        if let tag { checkTag(tag, fits: "mapping", at: mark) }
        return endCollection(Node(.mapping(pairs), mark: mark, tag: tag), anchor: anchor, sizeBefore: sizeBefore)
    }
}
