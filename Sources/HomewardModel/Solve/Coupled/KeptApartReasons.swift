import HomewardDomain

/// Which placements a non-association decided, for plan.csv's reasons
/// (``PlacementReason/KeptApart``). Only pairs the policy keeps in different
/// establishments count; the other person is never named.
///
/// For a person free to be placed (no hold, lock or movers list decides it),
/// with a partner of an apart pair placed at establishment P:
/// - moved from P, where the rules would let them stay: ``PlacementReason/KeptApart/movedAway``;
/// - unplaced, with P among the establishments open to them: ``PlacementReason/KeptApart/unplaced``;
/// - placed at D, where the establishment open to them that costs least for
///   them alone (their own arc costs: placement and move) is P, cheaper than D:
///   ``PlacementReason/KeptApart/notMoved`` if D is where they are, else
///   ``PlacementReason/KeptApart/placedElsewhere``.
/// A person whose current establishment the rules no longer allow keeps the
/// reason that they must move.
struct KeptApartReasons {
    /// The words added to a held or locked person's reason when a partner who must also be there shares their establishment.
    static let leftText = "with a person they must not be held with: left to the establishment (both must stay)"

    let pairs: Pairs
    let destinations: [Int?]
    /// Per person in an apart pair: the partners (population indices).
    var partners: [Int: [Int]] = [:]
    /// Per person in a pair left to the establishment: those partners.
    var leftPartners: [Int: [Int]] = [:]
    /// Per paired person: the least cost of their own arcs into each establishment open to them.
    var ownCost: [Int: [Int: Int64]] = [:]

    init(_ f: Formulation, destinations: [Int?]) {
        pairs = Pairs(f)
        self.destinations = destinations
        for (a, b) in pairs.apart {
            partners[a, default: []].append(b)
            partners[b, default: []].append(a)
        }
        for (a, b) in pairs.leftToEstablishment {
            leftPartners[a, default: []].append(b)
            leftPartners[b, default: []].append(a)
        }
        for (i, arcs) in pairs.arcs where partners[i] != nil {
            var costs: [Int: Int64] = [:]
            for (arc, e) in arcs { costs[e] = min(costs[e] ?? .max, f.network.costs[arc]) }
            ownCost[i] = costs
        }
    }

    /// Whether person `i`, placed at `destination`, shares it with a partner of a pair left to the establishment.
    func leftToEstablishment(_ i: Int, destination: Int?) -> Bool {
        guard let destination else { return false }
        return leftPartners[i]?.contains { destinations[$0] == destination } ?? false
    }

    /// How a non-association decided `placement` (whose reason is the one it would have without it), if it did.
    func effect(on placement: Placement, current: Int?) -> PlacementReason.KeptApart? {
        let i = placement.prisoner
        guard let mine = partners[i], let costs = ownCost[i] else { return nil }
        if case .mustMove = placement.reason { return nil }
        let taken = Set(mine.compactMap { destinations[$0] })
        guard !taken.isEmpty else { return nil }
        guard let d = placement.destination else {
            return costs.keys.contains { taken.contains($0) } ? .unplaced : nil
        }
        if let current, d != current, taken.contains(current) { return .movedAway }
        guard let best = costs.min(by: { ($0.value, $0.key) < ($1.value, $1.key) }), best.key != d, taken.contains(best.key),
              best.value < costs[d] ?? .max else { return nil }
        return d == current ? .notMoved : .placedElsewhere
    }
}
