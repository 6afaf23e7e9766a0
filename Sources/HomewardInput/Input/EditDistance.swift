/// Levenshtein distance, for "did you mean" hints on mistyped keys and codes.
package enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions that turn `a` into `b`.
    package static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate nearest to `value` (ignoring case), if one is within a third of the longer length
    /// (at least 1, at most 3 edits); ties go to the first candidate in `candidates`.
    package static func nearest(_ value: String, in candidates: [String]) -> String? {
        let upper = value.uppercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = between(upper, candidate.uppercased())
            let limit = min(3, max(1, max(value.count, candidate.count) / 3))
            if distance <= limit && (best == nil || distance < best!.1) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// "did you mean 'X'?", or nil when nothing is near.
    package static func hint(_ value: String, in candidates: [String]) -> String? {
        nearest(value, in: candidates).map { "did you mean '\($0)'?" }
    }
}
