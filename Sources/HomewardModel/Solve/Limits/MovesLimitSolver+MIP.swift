import HomewardDomain
import LinearProgramming

extension MovesLimitSolver {
    /// Step 3: reduced-cost fixing at λ* and GLPK's branch-and-cut on the arcs left free, with the moves row.
    ///
    /// With potentials π optimal at λ* = p/q (costs q·c + p on transfer arcs),
    /// any plan x within the limit has q·cost(x) ≥ q·φ(λ*) + Σ |rc(a)| |x(a) − x*(a)|,
    /// where x* is the plan of that solve. So in every plan that costs at most
    /// t, an arc with |rc(a)| > q·t − q·φ keeps x*(a): 0 where rc > 0, full
    /// where rc < 0. ``NearFaceSearch`` tries values of t from just above the
    /// bound up to the incumbent's cost, so that GLPK sees the arcs nearest
    /// the optimal face first.
    static func branchAndCut(_ f: Formulation, at priced: Priced, phiTimesQ: Int128, incumbent: [Int64], isTransfer: [Bool],
                             stats: inout MovesLimitStatistics, clock now: () -> Double) throws(AllocationError) -> [Int64] {
        let started = now()
        var mipSeconds = 0.0
        defer {
            stats.seconds.mip = mipSeconds
            stats.seconds.fixing = now() - started - mipSeconds
        }
        let net = f.network
        let q = Int128(priced.q)
        let reduced: [Int128] = (0..<net.arcCount).map { a in
            let cost = Int128(net.costs[a]) * q + Int128(isTransfer[a] ? priced.p : 0)
            return cost + Int128(priced.potentials[Int(net.tails[a])]) - Int128(priced.potentials[Int(net.heads[a])])
        }
        func fixing(_ trial: Int64) -> [Int64?] {
            let budget = q * Int128(trial) - phiTimesQ
            return (0..<net.arcCount).map { a in reduced[a] > budget ? 0 : reduced[a] < -budget ? net.capacities[a] : nil }
        }
        let limit = Int64(stats.limit)
        var search = NearFaceSearch(plan: incumbent, cost: net.cost(of: incumbent), lowerBound: stats.lowerBound)
        try search.run(nearFaceColumns: NearFaceSearch.nearFaceColumns, largestMIP: largestMIP, fixing: fixing, costOf: { net.cost(of: $0) }, solve: { fixed, plan throws(AllocationError) in
            let mip = LimitMIP(f, fixed: fixed, isTransfer: isTransfer, limit: limit)
            let mipStarted = now()
            defer { mipSeconds += now() - mipStarted }
            return try NearFaceSearch.branchAndCut(mip.program, warmStart: mip.warmStart(plan), timeLimitSeconds: timeLimitSeconds,
                                                   problem: "the network or the moves limit (its restricted MIP)", flows: mip.flows) {
                net.violations(of: $0).isEmpty && Int64(f.transfers(in: $0)) <= limit
            }
        }, keeps: "the limit")
        stats.fixedArcs = search.fixedArcs
        stats.mipColumns = search.columns
        stats.mipRows = search.rows
        stats.nodes = search.nodes
        stats.mipStages = search.stages
        stats.integerBound = search.lowerBound
        stats.proven = search.proven
        stats.notProven = search.notProven
        return search.plan
    }
}

/// The MIP of the moves limit after reduced-cost fixing: the free arcs as
/// integer columns, a balance row per node a free arc touches (its supply less
/// what the fixed arcs carry), and the moves row over the free transfer arcs.
struct LimitMIP {
    var program: LinearProgram
    /// The free arcs' columns and balance rows.
    let core: FixedArcsMIP

    init(_ f: Formulation, fixed: [Int64?], isTransfer: [Bool], limit: Int64) {
        var core = FixedArcsMIP(f, fixed: fixed)
        var fixedTransfers: Int64 = 0
        for a in fixed.indices where isTransfer[a] { fixedTransfers += fixed[a] ?? 0 }
        let moves = core.rows.count
        core.rows.append(.init(name: Formulation.movesLimitRow, bounds: .atMost(Double(limit - fixedTransfers))))
        for (j, a) in core.arcOfColumn.enumerated() where isTransfer[a] { core.entries.append(.init(row: moves, column: j, value: 1)) }
        program = core.program(named: "homeward_moves_limit")
        self.core = core
    }

    /// `flows` as column values, or nil if it does not fit the fixed arcs or breaks a row.
    func warmStart(_ flows: [Int64]) -> [Double]? {
        guard let values = core.arcValues(flows) else { return nil }
        return FixedArcsMIP.keepsEveryRow(program, values) ? values : nil
    }

    /// The whole network's flows from the MIP's column values.
    func flows(_ values: [Double]) -> [Int64] { core.flows(values) }
}
