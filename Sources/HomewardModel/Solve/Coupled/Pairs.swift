import HomewardDomain

extension NonAssociationPolicy {
    /// The cost of a costed pair sharing an establishment, in centipoints.
    var sharingPrice: Int64 { Int64((sharingCost * 100).rounded()) }
}

/// Which list of ``Pairs`` a pair is on: kept apart, or costed when they share an establishment.
enum PairKind: Sendable, CaseIterable {
    case apart, costed
}

/// One pair row: a pair (by position in its list) and an establishment both of them can reach. For an apart pair
/// the row is `x(a at e) + x(b at e) <= 1`; for a costed pair, the same with a sharing column at the sharing cost.
struct PairRow: Hashable, Sendable {
    var kind: PairKind
    var pair: Int
    var establishment: Int
}

/// The counted pairs of a formulation, with each paired person's own arcs.
struct Pairs {
    /// Apart and costed pairs, as population indices.
    var apart: [(a: Int, b: Int)] = []
    var costed: [(a: Int, b: Int)] = []
    /// Pairs (apart or costed) whose two people must both be at one establishment this week
    /// (``Formulation/mustBeAt(_:current:)``): left to the establishment to keep apart on its
    /// wings, neither a constraint nor a cost here.
    var leftToEstablishment: [(a: Int, b: Int)] = []
    /// The sharing cost of a costed pair, in centipoints.
    var sharingPrice: Int64 = 0
    /// Per paired person (population index): their arcs that place them, with the establishment each places them at.
    var arcs: [Int: [(arc: Int, establishment: Int)]] = [:]
    /// Per arc of the network: whether it belongs to a paired person's own profile.
    var isPersonal: [Bool]
    /// Per paired person: their unplaced arcs.
    var unplaced: [Int: [Int]] = [:]

    init(_ f: Formulation) {
        let policy = f.cost.policy.nonAssociations
        var index: [PersonID: Int] = [:]
        for (i, p) in f.population.prisoners.enumerated() { index[p.id] = i }
        // Two people named by several records are one pair: apart if any record keeps them apart, else costed once.
        var apartByPair: [[Int]: Bool] = [:]
        for pair in f.population.week.nonAssociations {
            let treatment = policy.treatment(of: pair)
            guard treatment != .ignored, let a = index[pair.a], let b = index[pair.b] else { continue }
            apartByPair[[min(a, b), max(a, b)], default: false] = apartByPair[[min(a, b), max(a, b)], default: false]
                || treatment == .apart
        }
        let current = f.currentEstablishments
        for key in apartByPair.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            // Both must be at one establishment: the pair is the establishment's to manage on its wings.
            if let e = f.mustBeAt(key[0], current: current[key[0]]), e == f.mustBeAt(key[1], current: current[key[1]]) {
                leftToEstablishment.append((key[0], key[1]))
            } else if apartByPair[key]! {
                apart.append((key[0], key[1]))
            } else {
                costed.append((key[0], key[1]))
            }
        }
        sharingPrice = policy.sharingPrice
        isPersonal = [Bool](repeating: false, count: f.network.arcCount)
        for i in Set(apart.flatMap { [$0.a, $0.b] } + costed.flatMap { [$0.a, $0.b] }).sorted() {
            let t = f.profileOfPrisoner[i]
            var list: [(Int, Int)] = []
            for g in f.groupsOfProfile[t] {
                for a in f.groups[g].stayArcs { list.append((a, f.groups[g].current!)) }
                if let join = f.groups[g].joinArc { isPersonal[join] = true }
            }
            for a in f.hubArcs[t] + f.receptionArcs[t] {
                if case let .place(_, e, _, _) = f.roles[a] { list.append((a, e)) }
            }
            let unplacedArcs = [f.unplacedArcs[t].hub, f.unplacedArcs[t].reception].compactMap { $0 }
            var mine = unplacedArcs + list.map(\.0)
            for g in f.groupsOfProfile[t] { if let join = f.groups[g].joinArc { mine.append(join) } }
            for a in mine { isPersonal[a] = true }
            arcs[i] = list
            unplaced[i] = unplacedArcs
            own[i] = mine
            if let e = f.mustBeAt(i, current: current[i]) { fixedAt[i] = e }
        }
    }

    /// Rows laid into the network as structure (``LaidPairs``): the network keeps them, so they are neither
    /// sharing (``sharing(_:_:)``) nor a cost here (``sharingCost(_:)``), nor a row of a MIP.
    var laid: Set<PairRow> = []

    /// The apart or the costed pairs.
    func list(_ kind: PairKind) -> [(a: Int, b: Int)] { kind == .apart ? apart : costed }

    /// Every arc of person `i`'s own profile (stays, joins, placements, unplaced).
    var own: [Int: [Int]] = [:]
    /// Per paired person whom the week requires at one establishment (``Formulation/mustBeAt(_:current:)``): that establishment.
    var fixedAt: [Int: Int] = [:]

    func allArcs(of i: Int) -> [Int] { own[i] ?? [] }

    /// The least reduced cost of a way for person `i` to be anywhere but
    /// establishment `e`: a placement or stay elsewhere, or unplaced.
    func leaving(_ i: Int, _ e: Int, _ reduced: [Int64]) -> Int64 {
        var least = Int64.max
        for a in unplaced[i] ?? [] { least = min(least, reduced[a]) }
        for (a, at) in arcs[i] ?? [] where at != e { least = min(least, reduced[a]) }
        return max(0, least)
    }

    /// Where person `i` is in `flows` (nil: unplaced).
    func establishment(of i: Int, in flows: [Int64]) -> Int? {
        arcs[i]?.first { flows[$0.arc] > 0 }?.establishment
    }

    /// The pairs of a kind (by position in its list) that share an establishment in `flows`, with it, but for rows
    /// laid into the network.
    func sharing(_ flows: [Int64], _ kind: PairKind) -> [(Int, Int)] {
        let list = list(kind)
        return list.indices.compactMap { k in
            guard let e = establishment(of: list[k].a, in: flows), e == establishment(of: list[k].b, in: flows),
                  !laid.contains(PairRow(kind: kind, pair: k, establishment: e)) else { return nil }
            return (k, e)
        }
    }

    /// The rows that `flows` break (both people at the establishment), apart pairs' first, but for laid rows.
    func broken(_ flows: [Int64]) -> [PairRow] {
        PairKind.allCases.flatMap { kind in sharing(flows, kind).map { PairRow(kind: kind, pair: $0.0, establishment: $0.1) } }
    }

    /// The sharing costs of `flows`, but for rows laid into the network (whose costs the network carries).
    func sharingCost(_ flows: [Int64]) -> Int64 { Int64(sharing(flows, .costed).count) * sharingPrice }
}

extension Formulation {
    /// The one establishment where this week's decisions require person `i`
    /// to be, if there is one: their current establishment if they are held
    /// or not on the movers list (``Profile/Fixed/stays``), or too near release
    /// to be transferred and able to stay (``Profile/pinned``); the lock's
    /// prison if they are locked. nil for anyone the plan may place freely.
    /// A non-association between two people who must both be at one
    /// establishment is the establishment's to manage (on different wings),
    /// not a reason to leave either of them unplaced.
    /// - Parameter current: `i`'s current establishment (``currentEstablishments``).
    package func mustBeAt(_ i: Int, current: Int?) -> Int? {
        let profile = profiles[profileOfPrisoner[i]]
        switch profile.fixed {
        case .stays: return current
        case let .locked(prison): return cost.estate.index(of: prison)
        case .free:
            guard profile.pinned != nil, let current else { return nil }
            // The rule against transfers near release gives way where the person cannot stay.
            let stays = groupsOfProfile[profileOfPrisoner[i]].contains { groups[$0].current == current && !groups[$0].stayArcs.isEmpty }
            return stays ? current : nil
        }
    }
}
