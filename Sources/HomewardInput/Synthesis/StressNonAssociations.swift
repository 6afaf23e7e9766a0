import HomewardDomain

/// Deterministic non-associations for stress tests and benchmarks: `count`
/// pairs, seven in ten between people held in the same establishment (where a
/// non-association usually starts), of every restriction and reason in turn.
/// An estimate of the shape: there is no public count of establishment-level
/// pairs. (`extract synth` draws its pairs from the calibrated prevalences
/// instead; this generator fixes the count, so that a benchmark can ask for
/// 2,000 or 10,000.)
public enum StressNonAssociations {
    /// The pairs for `population`, the same for the same seed.
    public static func pairs(_ population: Population, count: Int, seed: UInt64) -> [NonAssociation] {
        var state = seed
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        let people = population.prisoners
        var byPrison: [PrisonCode: [Int]] = [:]
        for (i, p) in people.enumerated() { if let c = p.current { byPrison[c, default: []].append(i) } }
        let prisons = byPrison.keys.sorted()
        var pairs: [NonAssociation] = []
        while pairs.count < count {
            let a: Int, b: Int
            if next() % 10 < 7, let prison = prisons.isEmpty ? nil : prisons[next() % prisons.count], byPrison[prison]!.count > 1 {
                let list = byPrison[prison]!
                a = list[next() % list.count]
                b = list[next() % list.count]
            } else {
                a = next() % people.count
                b = next() % people.count
            }
            guard a != b else { continue }
            let k = pairs.count
            pairs.append(NonAssociation(a: people[a].id, b: people[b].id,
                                        restriction: NonAssociationRestriction.allCases[k % 3],
                                        reason: NonAssociationReason.allCases[(k / 3) % NonAssociationReason.allCases.count]))
        }
        return pairs
    }
}
