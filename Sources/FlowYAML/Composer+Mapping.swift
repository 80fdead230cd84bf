internal import CYAML

extension Composer {
    /// Composes a mapping: reports duplicate keys (at the second one) and applies merge keys.
    mutating func composeMapping(depth: Int) throws(YAMLError) -> Node {
        let (mark, tag, anchor, sizeBefore) = try beginCollection(depth: depth)
        let start = openPairs.count
        var keys = KeyIndex()
        var mergeLine: Int?
        var merges: [(position: Int, sources: [[Node.Pair]])] = []
        while true {
            try advance()
            if reader.kind == YAML_MAPPING_END_EVENT { break }
            let isMerge = reader.isMergeKey
            let key = try composeNode(depth: depth + 1)
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
            if case .scalar(let scalar) = key.kind,
                let first = keys.firstLine(of: scalar.value, line: key.mark.line, in: openPairs.elements[start...])
            {
                report(.duplicateKey(scalar.text, firstLine: first), at: key.mark)
                continue
            }
            openPairs.append(Node.Pair(key: key, value: value))
        }
        var pairs = openPairs.take(from: start)
        if !merges.isEmpty { pairs = MergeKeys.apply(merges, to: pairs) }
        if let tag { checkTag(tag, fits: "mapping", at: mark) }
        return endCollection(Node(.mapping(pairs), mark: mark, tag: tag), anchor: anchor, sizeBefore: sizeBefore)
    }
}
