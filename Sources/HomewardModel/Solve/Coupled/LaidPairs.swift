import HomewardDomain
import LinearProgramming

/// Non-associations laid into the network as structure: the strong
/// relaxation of ``CoupledSolver`` (step 2).
///
/// A pair row `x(a at e) + x(b at e) <= 1` is itself network structure
/// whenever every arc that places `a` or `b` at `e` (a stay, a transfer in)
/// ends at one node h, and no other laid row uses those arcs. The arcs are
/// turned to end at a new node of the row's own, which reaches h by one arc
/// with one place: the flow through it is the number of the pair at `e`, at
/// most one. For a costed pair a second arc with one place at the sharing
/// cost carries the second person, so the network prices sharing exactly.
/// Either way the network is still a network: the network simplex solves it
/// exactly, with potentials, and its optimum keeps (and prices) every laid row.
/// Its flow on the original arcs is a plan of the original network; the new
/// arcs only route what those arcs carry.
///
/// Rows are laid only when a solve breaks them (row generation). Laying every
/// row of the national week with 2,000 pairs (about 92,000 of its 97,000 rows)
/// made one network simplex solve take 8 s; the rows that solves break are
/// about 740, laid in two or three rounds of about 0.2 s each from the last
/// flow. A row whose arcs another laid row already holds (someone in two
/// pairs, all three at one establishment) cannot be laid: it stays a row of
/// the Lagrangian bound and the MIP (``Pairs/laid`` tells them which are laid).
struct LaidPairs {
    /// The formulation with the rows laid so far (the original while none is).
    private(set) var formulation: Formulation
    /// The rows laid.
    private(set) var rows: Set<PairRow> = []
    /// The original formulation's arcs: the first arcs of the laid network, with the same meaning.
    let originalArcs: Int
    /// Per original arc: whether a laid row holds it.
    private var held: [Bool]

    init(_ f: Formulation) {
        formulation = f
        originalArcs = f.network.arcCount
        held = [Bool](repeating: false, count: f.network.arcCount)
    }

    /// Lays each row of `candidates` that can be laid (``canLay(_:pairs:)``).
    /// - Parameters:
    ///   - flows: a flow of the network laid so far, extended to the new arcs with the same placements (a pair
    ///     that shares an apart row's establishment is more than its one place: the flow is then no longer
    ///     feasible, which a start from it repairs).
    /// - Returns: how many rows were laid.
    mutating func lay(_ candidates: [PairRow], pairs: Pairs, flows: inout [Int64]) -> Int {
        var laid = 0
        for row in candidates where !rows.contains(row) {
            guard let arcs = canLay(row, pairs: pairs) else { continue }
            let through = arcs.reduce(Int64(0)) { $0 + flows[$1] }
            let sharing = row.kind == .costed ? pairs.sharingPrice : nil
            formulation.layPairRow(arcs: arcs, establishment: row.establishment, sharingPrice: sharing)
            flows.append(min(1, through))
            if sharing != nil { flows.append(max(0, through - 1)) }
            for a in arcs { held[a] = true }
            rows.insert(row)
            laid += 1
        }
        return laid
    }

    /// The arcs that place either person of `row` at its establishment, if the row can be laid: they all end at
    /// one node, and no laid row holds any of them.
    func canLay(_ row: PairRow, pairs: Pairs) -> [Int]? {
        let (a, b) = pairs.list(row.kind)[row.pair]
        let arcs = ((pairs.arcs[a] ?? []) + (pairs.arcs[b] ?? [])).filter { $0.establishment == row.establishment }.map(\.arc)
        guard let first = arcs.first else { return nil }
        let heads = formulation.network.heads
        return arcs.allSatisfy({ heads[$0] == heads[first] && !held[$0] }) ? arcs : nil
    }

    /// The original network's flows, from a flow of the laid network.
    func original(_ flows: [Int64]) -> [Int64] { Array(flows.prefix(originalArcs)) }
}

extension Formulation {
    /// Lays one pair row into the network (``LaidPairs``): `arcs` (every arc that places either person at
    /// `establishment`, all ending at one node) end instead at a new node, joined to that node by an arc with one
    /// place and, with `sharingPrice`, a second arc with one place at that cost.
    mutating func layPairRow(arcs: [Int], establishment e: Int, sharingPrice: Int64?) {
        let head = network.heads[arcs[0]]
        let node = Int32(network.nodeCount)
        if firstPairNode == nil { firstPairNode = network.nodeCount }
        network.supplies.append(0)
        for a in arcs { network.heads[a] = node }
        func add(cost: Int64, sharing: Bool) {
            network.tails.append(node)
            network.heads.append(head)
            network.costs.append(cost)
            network.capacities.append(1)
            roles.append(.pairPlace(establishment: e, sharing: sharing))
        }
        add(cost: 0, sharing: false)
        if let sharingPrice { add(cost: sharingPrice, sharing: true) }
    }
}
