internal import CYAML

extension Composer {
    /// Composes a mapping: reports duplicate keys (at the second one) and applies merge keys.
    mutating func composeMapping(depth: Int) throws(YAMLError) -> Node {
        let (mark, tag, anchor, sizeBefore) = try beginCollection(depth: depth)
        let start = openPairs.count
        let keyStart = openKeys.count
        var keys = KeyIndex()
        var mergeLine: Int?
        var merges: [(position: Int, sources: [[Node.Pair]])] = []
        while true {
            try advance()
            if reader.kind == YAML_MAPPING_END_EVENT { break }
            let isMerge = reader.isMergeKey
            let key: Node
            let keyValue: Scalar.Value?
            if reader.kind == YAML_SCALAR_EVENT {
                (key, keyValue) = try composeScalar(resolving: true)
            } else {
                key = try composeNode(depth: depth + 1)
                keyValue = key.scalar?.value
            }
            try advance()
            let value = try composeNode(depth: depth + 1)
            if isMerge {
                if let mergeLine {
                    report(.duplicateKey("<<", firstLine: mergeLine), at: key.mark)
                } else if let sources = MergeKeys.entries(of: value) {
                    merges.append((openPairs.count - start, sources))
                } else {
                    let found = value.scalar == nil ? "a list with items that are not mappings" : "a scalar"
                    report(.mergeValue(found: found), at: value.mark)
                }
                mergeLine = mergeLine ?? key.mark.line
                continue
            }
            if let keyValue {
                let scalarKey = KeyIndex.Key(value: keyValue, line: key.mark.line)
                if let first = keys.firstLine(of: scalarKey, among: openKeys.elements[keyStart...]) {
                    report(.duplicateKey(key.scalarText ?? "", firstLine: first), at: key.mark)
                    continue
                }
                openKeys.append(scalarKey)
            }
            openPairs.append(Node.Pair(key: key, value: value))
        }
        openKeys.removeAll(from: keyStart)
        var pairs = openPairs.take(from: start)
        if !merges.isEmpty { pairs = MergeKeys.apply(merges, to: pairs) }
        if let tag { checkTag(tag, fits: "mapping", at: mark) }
        return endCollection(Node(.mapping(pairs), mark: mark, tag: tag), anchor: anchor, sizeBefore: sizeBefore)
    }
}
