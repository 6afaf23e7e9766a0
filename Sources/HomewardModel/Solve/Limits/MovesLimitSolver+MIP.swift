import HomewardDomain
import LinearProgramming

extension MovesLimitSolver {
    /// Step 3: reduced-cost fixing at λ* and GLPK's branch-and-cut on the arcs left free, with the moves row.
    ///
    /// With potentials π optimal at λ* = p/q (costs q·c + p on transfer arcs),
    /// any plan x within the limit has q·cost(x) ≥ q·φ(λ*) + Σ |rc(a)| |x(a) − x*(a)|,
    /// where x* is the plan of that solve. So in every plan that costs no more
    /// than the incumbent UB, an arc with |rc(a)| > q·UB − q·φ keeps x*(a): 0
    /// where rc > 0, full where rc < 0.
    static func branchAndCut(_ f: Formulation, at priced: Priced, phiTimesQ: Int128, incumbent: [Int64], isTransfer: [Bool],
                             stats: inout MovesLimitStatistics) throws(AllocationError) -> [Int64] {
        let net = f.network
        let budget = Int128(priced.q) * Int128(net.cost(of: incumbent)) - phiTimesQ
        var fixed = [Int64?](repeating: nil, count: net.arcCount)
        for a in 0..<net.arcCount {
            let cost = Int128(net.costs[a]) * Int128(priced.q) + Int128(isTransfer[a] ? priced.p : 0)
            let reduced = cost + Int128(priced.potentials[Int(net.tails[a])]) - Int128(priced.potentials[Int(net.heads[a])])
            if reduced > budget { fixed[a] = 0 } else if reduced < -budget { fixed[a] = net.capacities[a] }
        }
        stats.fixedArcs = fixed.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        let free = net.arcCount - stats.fixedArcs
        if free == 0 {
            // Every arc keeps its value in any plan as good as the incumbent, so the incumbent is the optimum.
            stats.proven = true
            return incumbent
        }
        guard free <= largestMIP else {
            stats.notProven = "reduced-cost fixing left \(Format.grouped(free)) arcs free (the gap is \(Format.points(net.cost(of: incumbent) - stats.lowerBound)) "
                + "points), more than the \(Format.grouped(largestMIP)) columns given to GLPK's branch-and-cut; the plan keeps the limit "
                + "and costs at most that much more than the optimum"
            return incumbent
        }
        let mip = LimitMIP(f, fixed: fixed, isTransfer: isTransfer, limit: Int64(stats.limit))
        stats.mipColumns = mip.program.columns.count
        stats.mipRows = mip.program.rows.count
        let (outcome, notProven) = try FixedArcsMIP.branchAndCut(mip.program, warmStart: mip.warmStart(incumbent),
                                                                 timeLimitSeconds: timeLimitSeconds, problem: "the moves limit's restricted MIP")
        stats.nodes = outcome.nodes
        stats.proven = notProven == nil
        stats.notProven = notProven
        guard let values = outcome.columnValues else { return incumbent }
        let flows = mip.flows(values)
        guard net.violations(of: flows).isEmpty, Int64(f.transfers(in: flows)) <= Int64(stats.limit) else {
            throw .inconsistent("GLPK's branch-and-cut returned a plan that breaks the network or the moves limit")
        }
        return net.cost(of: flows) <= net.cost(of: incumbent) ? flows : incumbent
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
