/// The closest of `candidates` to a misspelled `name`, for "did you mean" hints; `nil` when none is close.
///
/// Distance is the optimal-string-alignment edit distance (insertions, deletions, substitutions and
/// swaps of neighbours each cost 1) on lowercased text; a candidate is close when the distance is at
/// most a third of the name's length (at least 1). Ties go to the earlier candidate.
public func suggestion(for name: String, among candidates: [String]) -> String? {
    let word = Array(name.lowercased().unicodeScalars)
    let limit = max(1, (word.count + 2) / 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let other = Array(candidate.lowercased().unicodeScalars)
        guard abs(other.count - word.count) <= limit else { continue }
        let distance = editDistance(word, other)
        if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return best?.candidate
}

/// The optimal-string-alignment distance between two scalar arrays.
private func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let width = b.count + 1
    var previous2 = [Int](repeating: 0, count: width)
    var previous = Array(0...b.count)
    var row = [Int](repeating: 0, count: width)
    for i in 1...a.count {
        row[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
            row[j] = value
        }
        swap(&previous2, &previous)
        swap(&previous, &row)
    }
    return previous[b.count]
}
