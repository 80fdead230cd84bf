/// The name in `names` closest to `word` by edit distance, when it is close enough to be a likely typo.
func closestName(to word: String, among names: [String]) -> String? {
    let limit = max(1, min(3, word.count / 3 + 1))
    var best: (name: String, distance: Int)?
    let source = Array(word.lowercased().unicodeScalars)
    for name in names where name != word {
        let distance = editDistance(source, Array(name.lowercased().unicodeScalars))
        if distance <= limit, distance < (best?.distance ?? .max) { best = (name, distance) }
    }
    return best?.name
}

private func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
