import HomewardDomain
import LinearProgramming

/// The MIP that ``CoupledSolver`` hands to GLPK: the network's arcs that
/// reduced-cost fixing left free, as integer columns; a balance row per node
/// that a free arc touches (its supply less what the fixed arcs carry); a row
/// per apart pair and establishment where both could be; and, per costed pair
/// and establishment, a sharing column priced at the sharing cost with a row
/// `x(a at e) + x(b at e) - share <= 1`.
struct RestrictedMIP {
    var program: LinearProgram
    /// The free arcs' columns and balance rows (the sharing columns follow the arcs').
    let core: FixedArcsMIP
    /// The costed pair and establishment of each sharing column, in order.
    var shares: [(pair: Int, establishment: Int)]
    let pairs: Pairs

    init(_ f: Formulation, pairs: Pairs, fixed: [Int64?]) {
        self.pairs = pairs
        var core = FixedArcsMIP(f, fixed: fixed)
        let columnOfArc = core.columnOfArc, fixed = core.fixed
        // Pair rows, and sharing columns.
        shares = []
        // Per person and establishment: the free columns that place them there, and what fixed arcs already do.
        func placing(_ i: Int) -> (columns: [Int: [Int]], fixedAt: [Int: Int64]) {
            var byPlace: [Int: [Int]] = [:], fixedAt: [Int: Int64] = [:]
            for (a, e) in pairs.arcs[i] ?? [] {
                if columnOfArc[a] >= 0 { byPlace[e, default: []].append(columnOfArc[a]) } else { fixedAt[e, default: 0] += fixed[a]! }
            }
            return (byPlace, fixedAt)
        }
        /// The establishments where both of a pair can be, with the free columns and the fixed part.
        func together(_ pair: (a: Int, b: Int)) -> [(e: Int, columns: [Int], fixed: Int64)] {
            let left = placing(pair.a), right = placing(pair.b)
            let places = Set(left.columns.keys).union(left.fixedAt.filter { $0.value > 0 }.keys)
                .intersection(Set(right.columns.keys).union(right.fixedAt.filter { $0.value > 0 }.keys))
            return places.sorted().map { e in
                (e, (left.columns[e] ?? []) + (right.columns[e] ?? []), (left.fixedAt[e] ?? 0) + (right.fixedAt[e] ?? 0))
            }
        }
        for (k, pair) in pairs.apart.enumerated() {
            for (e, list, already) in together(pair) where !pairs.laid.contains(PairRow(kind: .apart, pair: k, establishment: e)) {
                let row = core.rows.count
                core.rows.append(.init(name: "apart\(k)_\(e)", bounds: .atMost(Double(1 - already))))
                for j in list { core.entries.append(.init(row: row, column: j, value: 1)) }
            }
        }
        for (k, pair) in pairs.costed.enumerated() {
            for (e, list, already) in together(pair) where !pairs.laid.contains(PairRow(kind: .costed, pair: k, establishment: e)) {
                let row = core.rows.count, share = core.columns.count
                shares.append((k, e))
                core.columns.append(.init(name: "share\(k)_\(e)", cost: Double(pairs.sharingPrice), bounds: .between(0, 1)))
                core.rows.append(.init(name: "costed\(k)_\(e)", bounds: .atMost(Double(1 - already))))
                for j in list { core.entries.append(.init(row: row, column: j, value: 1)) }
                core.entries.append(.init(row: row, column: share, value: -1))
            }
        }
        program = core.program(named: "homeward_non_associations")
        self.core = core
    }

    /// `flows` (a plan of the whole network) as values of the columns, or nil
    /// if it does not fit the fixed arcs or breaks a row (then GLPK starts without it).
    func warmStart(_ flows: [Int64]) -> [Double]? {
        guard var values = core.arcValues(flows) else { return nil }
        for (k, e) in shares {
            let pair = pairs.costed[k]
            let together = pairs.establishment(of: pair.a, in: flows) == e && pairs.establishment(of: pair.b, in: flows) == e
            values.append(together ? 1 : 0)
        }
        return FixedArcsMIP.keepsEveryRow(program, values) ? values : nil
    }

    /// The whole network's flows from the MIP's column values.
    func flows(_ values: [Double]) -> [Int64] { core.flows(values) }
}
